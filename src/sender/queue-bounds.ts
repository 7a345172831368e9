// Which queued events are dropped undelivered: those older than maxEventAgeMs, then the oldest
// beyond maxQueueLength. Pure, so it is unit-tested in Node.
import { DEFAULT_MAX_EVENT_AGE_MS, DEFAULT_MAX_QUEUE_LENGTH } from '../shared/defaults';
import type { QueuedEvent } from '../types';

export interface Overflow {
  expired: QueuedEvent[];
  overflowing: QueuedEvent[];
  kept: QueuedEvent[];
}

/** Splits records (oldest first) into the expired, the overflowing and the kept; `now` and `timeOf` on one clock (the service's, in sendable.ts). */
export function applyQueueBounds(
  records: QueuedEvent[],
  now: number,
  maxQueueLength = DEFAULT_MAX_QUEUE_LENGTH,
  maxEventAgeMs = DEFAULT_MAX_EVENT_AGE_MS,
  timeOf = (record: QueuedEvent) => record.event.sentAt,
): Overflow {
  const expired = records.filter((record) => now - timeOf(record) > maxEventAgeMs);
  const fresh = records.filter((record) => now - timeOf(record) <= maxEventAgeMs);
  const excess = Math.max(0, fresh.length - maxQueueLength);
  return { expired, overflowing: fresh.slice(0, excess), kept: fresh.slice(excess) };
}

/**
 * The oldest of this page's queued records beyond `maxQueueLength`, dropped as an event is added.
 * Those in flight stay (the answer decides), so older ones are taken in their place.
 */
export function beyondBound(queued: Iterable<QueuedEvent>, size: number, inFlight: Set<string>, maxQueueLength = DEFAULT_MAX_QUEUE_LENGTH): QueuedEvent[] {
  let excess = size - maxQueueLength;
  const oldest: QueuedEvent[] = [];
  for (const record of queued) { // insertion order: oldest first
    if (excess <= 0) break;
    if (inFlight.has(record.key)) continue;
    oldest.push(record);
    excess--;
  }
  return oldest;
}
