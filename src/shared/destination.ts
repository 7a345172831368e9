// Where a tracker's events go, as noted on each queued record (QueuedEvent.trackingId): the event
// tracker's id in direct mode, the relay's URL in relay mode (the relay holds the real trackingId).
// A page sends only the records of its own destination, so two trackers, or a shop that moved from
// one mode to the other, never send each other's events.
import type { TrackerConfig } from '../types';

/** The destination of `config`'s events: its trackingId, or its relayUrl in relay mode. */
export const destinationOf = (config: TrackerConfig): string => (config.trackingId ?? config.relayUrl)!;
