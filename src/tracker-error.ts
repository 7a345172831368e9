import type { QueuedEvent, TrackerError, TrackerErrorCode } from './types';

/** Builds the error object handed to `onError`. */
export function trackerError(code: TrackerErrorCode, message: string, event?: QueuedEvent): TrackerError {
  const error = new Error(`personalize-tracker: ${message}`) as TrackerError;
  error.name = 'TrackerError';
  error.code = code;
  if (event) error.event = event;
  return error;
}
