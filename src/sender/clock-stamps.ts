// Which clock each of this page's events was stamped on. The loader stamps sentAt with the device
// clock at track() (loader/tracker.ts); the sender notes on each record of this page, as it stores
// it, the service-clock offset in force (on the record, not on `event`, which is sent as is). A
// device clock changed later, in this page or before another page sends the event, then does not
// move its sentAt. While this page has not confirmed the offset from a response, its records wait
// unnoted: they take the offset once it is confirmed, or the one before the clock was set back.
import type { PageQueue } from './page-queue';
import { serviceClock } from './service-clock';
import type { QueuedEvent } from '../types';

/** Returns adopt(records): notes the offset on the records of `owner` that have none yet. */
export function createClockStamps(page: PageQueue, owner: string): (records: Iterable<QueuedEvent>) => void {
  const unsure = new Set<QueuedEvent>();
  serviceClock.onSettled((offsetMs) => {
    for (const record of unsure) if (page.has(record.key)) record.clockOffsetMs = offsetMs;
    unsure.clear();
  });
  return (records) => {
    const offsetMs = serviceClock.knownOffsetMs();
    for (const record of unsure) if (!page.has(record.key)) unsure.delete(record); // delivered or dropped
    for (const record of records) {
      if (record.owner !== owner || record.clockOffsetMs !== undefined) continue;
      if (offsetMs === undefined) unsure.add(record);
      else record.clockOffsetMs = offsetMs;
    }
  };
}
