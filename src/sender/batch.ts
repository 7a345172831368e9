// Groups queued events into requests. One request carries one trackingId, one session and one user
// (PutEvents' rule), and at most `limit` events: MAX_BATCH for PutEvents, MAX_RELAY_BATCH for the
// shop's relay, which splits them into PutEvents of MAX_BATCH. Pure, so it is unit-tested in Node.
import { MAX_BATCH } from '../shared/limits';
import type { Batch } from '../shared/contract';
import type { QueuedEvent } from '../types';

export type { Batch } from '../shared/contract';

/** Splits records (oldest first) into batches of at most `maxBatchSize` (default and at most `limit`), keeping their order within each group. */
export function toBatches(records: QueuedEvent[], maxBatchSize?: number, limit = MAX_BATCH): Batch[] {
  const size = Math.max(1, Math.min(limit, Math.floor(maxBatchSize ?? limit)));
  const groups = new Map<string, Batch[]>();
  const batches: Batch[] = [];
  for (const record of records) {
    const groupKey = JSON.stringify([record.trackingId, record.sessionId, record.userId ?? null]);
    const group = groups.get(groupKey) ?? [];
    let batch = group[group.length - 1];
    if (!batch || batch.records.length >= size) {
      batch = { trackingId: record.trackingId, sessionId: record.sessionId, userId: record.userId, records: [] };
      group.push(batch);
      batches.push(batch);
      groups.set(groupKey, group);
    }
    batch.records.push(record);
  }
  return batches;
}
