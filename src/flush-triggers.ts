// The page lifecycle, in one place (https://developer.chrome.com/docs/web-platform/page-lifecycle-api).
// Sends start when the page is hidden, the last moment a page is reliably told about, and on
// pagehide, which Safari fires on some navigations without visibilitychange. Delivery is tried
// again when the network returns and when a page comes back from the back/forward cache. There is
// deliberately no `unload` listener: it makes pages ineligible for the back/forward cache.

export interface LifecycleHandlers {
  /** The page may never run again: send what is pending now, without waiting. */
  onHidden(): void;
  /** The page is being left (closed, navigated away, or frozen into the bfcache when `persisted`). */
  onPageHide(persisted: boolean): void;
  /** A reason to try delivery again: back online, or restored from the bfcache. */
  onResume(trigger: 'online' | 'pageshow'): void;
}

/** Starts listening; returns a function that stops. */
export function watchPageLifecycle(handlers: LifecycleHandlers): () => void {
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') handlers.onHidden();
  };
  const onPageHide = (event: PageTransitionEvent) => handlers.onPageHide(event.persisted);
  const onOnline = () => handlers.onResume('online');
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) handlers.onResume('pageshow');
  };
  document.addEventListener('visibilitychange', onVisibilityChange);
  addEventListener('pagehide', onPageHide);
  addEventListener('online', onOnline);
  addEventListener('pageshow', onPageShow);
  return () => {
    document.removeEventListener('visibilitychange', onVisibilityChange);
    removeEventListener('pagehide', onPageHide);
    removeEventListener('online', onOnline);
    removeEventListener('pageshow', onPageShow);
  };
}
