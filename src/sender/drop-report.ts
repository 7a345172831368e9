// Events dropped on purpose (beyond maxQueueLength, older than maxEventAgeMs) are reported once per
// streak, with the count and the oldest and newest dropped event: one report per event, during an
// outage of a busy page, was thousands of console lines holding every event alive.
import { trackerError } from '../shared/tracker-error';
import type { QueuedEvent, TrackerError, TrackerErrorCode } from '../types';

const STREAK_QUIET_MS = 1_000; // a streak ends when nothing more was dropped for this long

export type DropReason = Extract<TrackerErrorCode, 'queue-full' | 'event-expired'>;

const WHY: Record<DropReason, string> = {
  'queue-full': 'more than maxQueueLength events were waiting',
  'event-expired': 'they were older than maxEventAgeMs',
};

export interface DropReport {
  /** Counts `records` (oldest first) into the current streak of `reason`. */
  dropped(reason: DropReason, records: QueuedEvent[]): void;
  /** Reports the open streaks now (page hide: a timer may never run again). */
  flush(): void;
}

export function createDropReport(report: (error: TrackerError) => void): DropReport {
  const streaks = new Map<DropReason, { count: number; oldest: QueuedEvent; newest: QueuedEvent }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [reason, { count, oldest, newest }] of streaks) {
      const message = `dropped ${count} event(s), oldest "${oldest.event.eventType}", newest "${newest.event.eventType}": ${WHY[reason]}`;
      report(Object.assign(trackerError(reason, message, oldest), { dropped: { count, oldest, newest } }));
    }
    streaks.clear();
  };
  return {
    dropped(reason, records) {
      if (records.length === 0) return;
      const streak = streaks.get(reason);
      const newest = records[records.length - 1];
      if (streak) Object.assign(streak, { count: streak.count + records.length, newest });
      else streaks.set(reason, { count: records.length, oldest: records[0], newest });
      clearTimeout(timer);
      timer = setTimeout(flush, STREAK_QUIET_MS);
    },
    flush,
  };
}
