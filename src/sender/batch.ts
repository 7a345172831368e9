// Groups queued events into PutEvents requests. One request carries one trackingId, one session and
// one user (the service's rule), and at most MAX_BATCH events. Pure, so it is unit-tested in Node.
import { MAX_BATCH } from '../shared/limits';
import type { Batch } from '../shared/contract';
import type { QueuedEvent } from '../types';

export type { Batch } from '../shared/contract';

/** Splits records (oldest first) into batches of at most `maxBatchSize`, keeping their order within each group. */
export function toBatches(records: QueuedEvent[], maxBatchSize = MAX_BATCH): Batch[] {
  const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(maxBatchSize)));
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
