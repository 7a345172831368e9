// Which stored events this page may send now: its own, and orphans whose page is gone (see
// owner-lock.ts), for its trackingId; events beyond the queue's bounds are dropped and reported.
import { destinationOf } from '../shared/destination';
import { takeExitNotes } from './exit-notes';
import { liveOwners, ORPHAN_AGE_WITHOUT_LOCKS_MS, ORPHAN_GRACE_MS } from './live-owners';
import type { PageQueue } from './page-queue';
import { applyQueueBounds } from './queue-bounds';
import { serviceNow, serviceTimeOf } from './service-clock';
import type { StoredQueue } from './stored-queue';
import type { QueuedEvent, TrackerConfig } from '../types';
import type { DropReport } from './drop-report';
import type { NoteWriter } from './note-writer';

export interface SendableOptions {
  page: PageQueue;
  stored: StoredQueue;
  notes: NoteWriter;
  config: TrackerConfig;
  owner: string;
  inFlight: Set<string>;
  drops: DropReport;
  /** Read IndexedDB for orphans too; otherwise only this page's own events, from memory. */
  sweep: boolean;
}

export interface Sendable {
  records: QueuedEvent[];
  /** When events of a gone page become orphans old enough to sweep, if some are still younger. */
  sweepAgainInMs?: number;
}

export async function sendableRecords({ page, stored: storedQueue, notes, config, owner, inFlight, drops, sweep }: SendableOptions): Promise<Sendable> {
  const live = sweep ? await liveOwners() : undefined;
  if (live) await takeExitNotes(live, owner, storedQueue, notes);
  const stored = sweep ? await storedQueue.readAll(owner, live) : page.records();
  const destination = destinationOf(config);
  const now = serviceNow(); // ages on the service's clock: each record's stamp with the offset it was taken under
  let sweepAgainInMs: number | undefined;
  const isOrphan = (record: QueuedEvent) => {
    const age = now - serviceTimeOf(record);
    if (live ? live.has(record.owner) : Math.abs(age) <= ORPHAN_AGE_WITHOUT_LOCKS_MS) return false;
    // A stamp ahead of now by more than the grace was taken before the device clock was set back:
    // its owner is gone (no lock), and it is older than it looks.
    if (Math.abs(age) > ORPHAN_GRACE_MS) return true;
    sweepAgainInMs = Math.min(sweepAgainInMs ?? Infinity, ORPHAN_GRACE_MS - age + 1);
    return false;
  };
  const candidates = stored.filter(
    (record) => record.trackingId === destination && !inFlight.has(record.key) && (record.owner === owner || isOrphan(record)),
  );
  const { expired, overflowing, kept } = applyQueueBounds(candidates, now, config.maxQueueLength, config.maxEventAgeMs, serviceTimeOf);
  if (expired.length + overflowing.length > 0) {
    storedQueue.remove([...expired, ...overflowing].map((record) => record.key));
    drops.dropped('event-expired', expired);
    drops.dropped('queue-full', overflowing);
  }
  return { records: kept, sweepAgainInMs };
}
