import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestBytes, splitToBudget, KEEPALIVE_BUDGET_BYTES } from '../../src/sender/keepalive-budget';
import { applyQueueBounds, beyondBound } from '../../src/sender/queue-bounds';
import type { QueuedEvent } from '../../src/types';

const NOW = 1_800_000_000_000;
const record = (key: string, ageMs: number, properties?: string): QueuedEvent => ({
  key,
  owner: 'page',
  trackingId: 't',
  sessionId: 's',
  event: { eventType: 'View', eventId: key, sentAt: NOW - ageMs, ...(properties ? { properties } : {}) },
});

test('events older than maxEventAgeMs expire, then the oldest beyond maxQueueLength overflow', () => {
  const records = [record('a', 5_000), record('b', 400), record('c', 300), record('d', 200), record('e', 100)];
  const { expired, overflowing, kept } = applyQueueBounds(records, NOW, 2, 1_000);
  assert.deepEqual(expired.map((r) => r.key), ['a']);
  assert.deepEqual(overflowing.map((r) => r.key), ['b', 'c']);
  assert.deepEqual(kept.map((r) => r.key), ['d', 'e']);
});

test('within bounds nothing is dropped', () => {
  const records = [record('a', 10), record('b', 5)];
  assert.deepEqual(applyQueueBounds(records, NOW).kept, records);
});

test('requestBytes measures the serialised PutEvents body in UTF-8 bytes', () => {
  const batch = { trackingId: 't', sessionId: 's', records: [record('a', 0, '{"note":"é"}')] };
  const body = JSON.stringify({ trackingId: 't', sessionId: 's', eventList: [{ ...batch.records[0].event, sentAt: (NOW) / 1000 }] });
  assert.equal(requestBytes(batch), Buffer.byteLength(body));
});

test('a batch larger than the keepalive budget is split until each part fits', () => {
  const big = `{"note":"${'x'.repeat(1_000)}"}`;
  const heavy = Array.from({ length: 10 }, (_, i) => record(`k${i}`, 0, big.repeat(1).replace('x', String(i))));
  const padded = heavy.map((r) => ({ ...r, event: { ...r.event, impression: Array.from({ length: 25 }, () => 'i'.repeat(256)) } }));
  const batch = { trackingId: 't', sessionId: 's', records: padded };
  assert.ok(requestBytes(batch) > KEEPALIVE_BUDGET_BYTES);
  const parts = splitToBudget([batch]);
  assert.ok(parts.length > 1);
  for (const part of parts) assert.ok(requestBytes(part) <= KEEPALIVE_BUDGET_BYTES);
  assert.deepEqual(parts.flatMap((part) => part.records.map((r) => r.key)), padded.map((r) => r.key));
});

test('as an event is added, the oldest beyond maxQueueLength are dropped, none in flight, and the queue holds maxQueueLength', () => {
  const mirror = new Map(['a', 'b', 'c', 'd', 'e'].map((key) => [key, record(key, 0)]));
  assert.deepEqual(beyondBound(mirror.values(), mirror.size, new Set(), 3).map((r) => r.key), ['a', 'b']);
  // One in flight stays (its answer decides), and the next oldest go instead: the queue still holds 3, not 4.
  assert.deepEqual(beyondBound(mirror.values(), mirror.size, new Set(['a']), 3).map((r) => r.key), ['b', 'c']);
  assert.deepEqual(beyondBound(mirror.values(), mirror.size, new Set(['a', 'b', 'c', 'd']), 3).map((r) => r.key), ['e']);
  assert.deepEqual(beyondBound(mirror.values(), mirror.size, new Set(), 5), []);
});
