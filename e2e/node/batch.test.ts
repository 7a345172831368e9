import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toBatches } from '../../src/sender/batch';
import { MAX_RELAY_BATCH } from '../../src/shared/limits';
import type { QueuedEvent } from '../../src/types';

const record = (key: string, sessionId = 's1', userId?: string, trackingId = 't1'): QueuedEvent => ({
  key,
  owner: 'page-1',
  trackingId,
  sessionId,
  ...(userId ? { userId } : {}),
  event: { eventType: 'View', eventId: key, sentAt: 0 },
});
const keysOf = (batches: ReturnType<typeof toBatches>) => batches.map((batch) => batch.records.map((r) => r.key).join(','));

test('25 events of one session make batches of 10, 10 and 5, in order', () => {
  const records = Array.from({ length: 25 }, (_, i) => record(`e${i}`));
  const batches = toBatches(records);
  assert.deepEqual(batches.map((batch) => batch.records.length), [10, 10, 5]);
  assert.deepEqual(batches.flatMap((batch) => batch.records.map((r) => r.key)), records.map((r) => r.key));
});

test('events of different sessions, users or tracking ids never share a request', () => {
  const batches = toBatches([record('a'), record('b', 's2'), record('c', 's1', 'u1'), record('d'), record('e', 's1', undefined, 't2')]);
  assert.deepEqual(keysOf(batches), ['a,d', 'b', 'c', 'e']);
  assert.deepEqual(batches.map((batch) => [batch.trackingId, batch.sessionId, batch.userId]), [
    ['t1', 's1', undefined],
    ['t1', 's2', undefined],
    ['t1', 's1', 'u1'],
    ['t2', 's1', undefined],
  ]);
});

test('maxBatchSize is honoured and clamped to the PutEvents limit of 10', () => {
  const records = Array.from({ length: 12 }, (_, i) => record(`e${i}`));
  assert.deepEqual(toBatches(records, 4).map((batch) => batch.records.length), [4, 4, 4]);
  assert.deepEqual(toBatches(records, 50).map((batch) => batch.records.length), [10, 2]);
});

test('a relay takes up to 100 events a request: the limit the transport gives, which maxBatchSize may lower', () => {
  const records = Array.from({ length: 250 }, (_, i) => record(`e${i}`));
  assert.deepEqual(toBatches(records, undefined, MAX_RELAY_BATCH).map((batch) => batch.records.length), [100, 100, 50]);
  assert.deepEqual(toBatches(records, 500, MAX_RELAY_BATCH).map((batch) => batch.records.length), [100, 100, 50]);
  assert.deepEqual(toBatches(records.slice(0, 25), 10, MAX_RELAY_BATCH).map((batch) => batch.records.length), [10, 10, 5]);
  assert.deepEqual(toBatches(records.slice(0, 25)).map((batch) => batch.records.length), [10, 10, 5], 'PutEvents by default');
});
