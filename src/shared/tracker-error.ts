import type { QueuedEvent, TrackerError, TrackerErrorCode } from '../types';

/** Builds the error object handed to `onError`. */
export function trackerError(code: TrackerErrorCode, message: string, event?: QueuedEvent): TrackerError {
  return Object.assign(new Error(`personalize-tracker: ${message}`), { code, event });
}
