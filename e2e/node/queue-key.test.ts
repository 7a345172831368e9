import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomId } from '../../src/loader/random-id';
import { ownerOfKey } from '../../src/sender/stored-queue';

test('ownerOfKey reads the owner id back out of a queue key built as tracker.ts builds it', () => {
  const owner = randomId();
  const key = `${Date.now()}-${(36 ** 5 + 7).toString(36)}-${owner}`;
  assert.equal(ownerOfKey(key), owner);
});
