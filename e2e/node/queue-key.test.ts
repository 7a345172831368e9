import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomId } from '../../src/shared/random-id';
import { FIRST_SEQUENCE, ownerOfKey, queueKey } from '../../src/shared/queue-key';

test('ownerOfKey reads the owner id back out of a queue key', () => {
  const owner = randomId();
  assert.equal(ownerOfKey(queueKey(Date.now(), FIRST_SEQUENCE + 7, owner)), owner);
});

test('keys sort by tracking time, then by call order, whatever the sequence reached', () => {
  const keys = [queueKey(1_800_000_000_001, FIRST_SEQUENCE + 36, 'b'), queueKey(1_800_000_000_001, FIRST_SEQUENCE + 35, 'a'), queueKey(1_800_000_000_000, FIRST_SEQUENCE + 1_000, 'c')];
  assert.deepEqual([...keys].sort().map(ownerOfKey), ['c', 'a', 'b']);
});
