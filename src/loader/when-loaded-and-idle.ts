// Runs a callback once the page has loaded and the main thread is idle, so that the sender chunk
// never competes with the page's own start-up.

const IDLE_TIMEOUT_MS = 5_000; // at the latest this long after load

/** Calls `callback` when the page is loaded and idle (requestIdleCallback), at the latest 5 s after load; at load already if `urgent()` says so then. */
export function whenLoadedAndIdle(callback: () => void, urgent: () => boolean): void {
  // Safari has no requestIdleCallback: setTimeout takes the same call, its delay argument then reads as 0.
  const whenIdle = (self.requestIdleCallback ?? setTimeout) as (callback: () => void, options: IdleRequestOptions) => void;
  const whenLoaded = () => (urgent() ? callback() : whenIdle(callback, { timeout: IDLE_TIMEOUT_MS }));
  if (document.readyState === 'complete') whenLoaded();
  else addEventListener('load', whenLoaded, { once: true });
}
