// Option defaults that both chunks need: the loader schedules flushes and bounds the queue, the
// sender checks the options (sender/options.ts).

/** How long an event may wait before a flush starts, unless `flushIntervalMs` says otherwise. */
export const DEFAULT_FLUSH_INTERVAL_MS = 1_000;
/** Most events kept waiting, unless `maxQueueLength` says otherwise. */
export const DEFAULT_MAX_QUEUE_LENGTH = 1_000;
/** A week: older interactions no longer say what a shopper wants now. */
export const DEFAULT_MAX_EVENT_AGE_MS = 7 * 24 * 60 * 60_000;
