// The page lifecycle, in one place (https://developer.chrome.com/docs/web-platform/page-lifecycle-api).
// Sends start when the page is hidden, the last moment a page is reliably told about, and on
// pagehide, which Safari fires on some navigations without visibilitychange. Delivery is tried
// again when a page comes back from the back/forward cache. (Coming back online is heard by the
// loader, tracker.ts: a sender that failed to load while offline is not there to hear it.) There is
// deliberately no `unload` listener: it makes pages ineligible for the back/forward cache.
// (A passive `beforeunload` listener does not: https://web.dev/articles/bfcache#only_add_beforeunload_listeners_conditionally
// warns about listeners that prompt.)

const CANCELLED_UNLOAD_MS = 1_000; // a page still running this long after beforeunload stayed

export interface LifecycleHandlers {
  /** The page may never run again: send what is pending now, without waiting. */
  onHidden(): void;
  /** Visible again after being hidden. */
  onShown(): void;
  /** The page is about to be left, unless the unload is cancelled (then `false` after a moment). */
  onLeaving(leaving: boolean): void;
  /** The page is being left (closed, navigated away, or frozen into the bfcache when `persisted`). */
  onPageHide(persisted: boolean): void;
  /** Restored from the back/forward cache: try delivery again. */
  onResume(trigger: 'pageshow'): void;
}

/** Starts listening; returns a function that stops. */
export function watchPageLifecycle(handlers: LifecycleHandlers): () => void {
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') handlers.onHidden();
    else handlers.onShown();
  };
  const onBeforeUnload = () => {
    handlers.onLeaving(true);
    setTimeout(() => handlers.onLeaving(false), CANCELLED_UNLOAD_MS); // never runs in a page that went
  };
  const onPageHide = (event: PageTransitionEvent) => handlers.onPageHide(event.persisted);
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) handlers.onResume('pageshow');
  };
  document.addEventListener('visibilitychange', onVisibilityChange);
  addEventListener('beforeunload', onBeforeUnload);
  addEventListener('pagehide', onPageHide);
  addEventListener('pageshow', onPageShow);
  return () => {
    removeEventListener('beforeunload', onBeforeUnload);
    document.removeEventListener('visibilitychange', onVisibilityChange);
    removeEventListener('pagehide', onPageHide);
    removeEventListener('pageshow', onPageShow);
  };
}
