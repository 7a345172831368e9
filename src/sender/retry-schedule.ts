// When the next attempt after a transient failure happens. The wait grows with each failure and is
// shared by the tabs of an origin through localStorage, so a throttled or failing service sees one
// cautious client per browser rather than a storm from every open tab.
// A stored time further ahead than the longest backoff was not written by a backoff of ours (another
// script, or a device clock set back since): it is ignored and deleted, and no wait is longer than
// BACKOFF_MAX_MS, so a stored value can never stall delivery (setTimeout also wraps past 2^31 ms).
// The stored time is on the service's clock (service-clock.ts), which a device clock set back in
// one tab does not move; the wait itself is a timer, on the monotonic clock.
import { BACKOFF_MAX_MS, backoffDelayMs, parseRetryAfter } from './retry-policy';
import { readStorage, removeStorage, writeStorage } from '../shared/web-storage';
import { serviceNow } from './service-clock';

const SHARED_RETRY_AT_KEY = 'personalize-tracker:retry-at'; // removed by optOut() with the tracker's other keys (loader/consent.ts)

/** The shared retry time; one further ahead than the longest backoff is deleted. Storage blocked: the backoff stays per tab. */
function sharedRetryAt(): number {
  const at = Number(readStorage('localStorage', SHARED_RETRY_AT_KEY)) || 0;
  if (at - serviceNow() <= BACKOFF_MAX_MS) return at;
  removeStorage('localStorage', SHARED_RETRY_AT_KEY);
  return 0;
}

function setSharedRetryAt(at: number): void {
  if (at > 0) writeStorage('localStorage', SHARED_RETRY_AT_KEY, String(at));
  else removeStorage('localStorage', SHARED_RETRY_AT_KEY);
}

export interface RetrySchedule {
  /** Records a transient failure and schedules a retry (once for failures of requests sent together); true for the first of a streak. */
  failed(retryAfterHeader?: string): boolean;
  /** Resets the backoff after a success. */
  succeeded(): void;
  /** Whether a backoff is running (in this tab or another), so routine flushes should wait. */
  waiting(): boolean;
}

export function createRetrySchedule(onRetry: () => void, log: (message: string) => void): RetrySchedule {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const retryIn = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onRetry();
    }, Math.min(delay, BACKOFF_MAX_MS));
  };
  return {
    failed(retryAfterHeader) {
      if (timer !== undefined) return false; // a parallel request of the same attempt: the retry is already set
      failures++;
      const delay = backoffDelayMs(failures, parseRetryAfter(retryAfterHeader, serviceNow())); // an HTTP date is on the service's clock
      log(`retry ${failures} in ${Math.round(delay)} ms`);
      setSharedRetryAt(serviceNow() + delay);
      retryIn(delay);
      return failures === 1;
    },
    succeeded() {
      if (failures > 0 || sharedRetryAt() > 0) setSharedRetryAt(0); // also a time another tab left behind
      failures = 0;
    },
    waiting() {
      if (timer !== undefined) return true;
      const sharedWait = sharedRetryAt() - serviceNow();
      if (sharedWait > 0) retryIn(sharedWait); // another tab is backing off: try when it would
      return sharedWait > 0;
    },
  };
}
