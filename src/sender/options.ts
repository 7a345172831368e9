// The numeric options, checked when the sender starts: each unusable one is reported through
// onError with its limit, and its default is used instead.
import { MAX_BATCH, MAX_RELAY_BATCH } from '../shared/limits';
import { DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_MAX_EVENT_AGE_MS, DEFAULT_MAX_QUEUE_LENGTH } from '../shared/defaults';
import { trackerError } from '../shared/tracker-error';
import type { TrackerConfig, TrackerError } from '../types';

type NumericOption = 'maxBatchSize' | 'flushIntervalMs' | 'maxQueueLength' | 'maxEventAgeMs';

/** Events per request at most, and by default: PutEvents' limit, or the relay's. */
const maxBatchOf = (config: TrackerConfig) => (config.relayUrl ? MAX_RELAY_BATCH : MAX_BATCH);

/** Each option's smallest and largest value, and its default. */
const numericOptions = (config: TrackerConfig): [NumericOption, number, number, number][] => [
  ['maxBatchSize', 1, maxBatchOf(config), maxBatchOf(config)],
  ['flushIntervalMs', 0, Number.MAX_SAFE_INTEGER, DEFAULT_FLUSH_INTERVAL_MS],
  ['maxQueueLength', 1, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_QUEUE_LENGTH],
  ['maxEventAgeMs', 1, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_EVENT_AGE_MS],
];

/** The config with every numeric option valid. */
export function resolveOptions(config: TrackerConfig, report: (error: TrackerError) => void): TrackerConfig {
  const resolved = { ...config };
  for (const [name, min, max, fallback] of numericOptions(config)) {
    const value = config[name];
    if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) continue;
    report(trackerError('config-invalid', `init(): ${name} must be an integer from ${min} to ${max} (got ${value}); using ${fallback}`));
    resolved[name] = fallback;
  }
  return resolved;
}
