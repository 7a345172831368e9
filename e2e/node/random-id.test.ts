import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomId } from '../../src/shared/random-id';

test('randomId returns distinct RFC 4122 version-4 UUIDs, across refills of its random pool', () => {
  const ids = Array.from({ length: 1_000 }, randomId); // about four pool refills
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
});
