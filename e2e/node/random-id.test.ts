import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomId } from '../../src/shared/random-id';

test('randomId returns distinct RFC 4122 version-4 UUIDs, each from its own random bytes', () => {
  const ids = Array.from({ length: 1_000 }, randomId);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
});

test('every random digit takes every value it may: 16 hex digits, and 8, 9, a, b for the variant', () => {
  const ids = Array.from({ length: 2_000 }, randomId);
  const positions = [...'10000000-1000-4000-8000-100000000000'].map((digit, index) => [digit, index] as const).filter(([digit]) => digit !== '-' && digit !== '4');
  for (const [digit, index] of positions) {
    const seen = new Set(ids.map((id) => id[index]));
    assert.equal(seen.size, digit === '8' ? 4 : 16, `position ${index}: ${[...seen].sort().join('')}`);
  }
});
