// The Web Lock that marks this page as alive (https://w3c.github.io/web-locks/). It is taken at
// init(), before the page stores its first event, so the moment a page is gone its events are
// orphans that another page may deliver at once (sender/live-owners.ts). It is let go on pagehide,
// since a page holding a lock cannot enter the back/forward cache, and taken again on pageshow.

import { OWNER_LOCK_PREFIX } from '../shared/storage-names';

/** Holds the owner lock of `owner` while the page is shown; does nothing without Web Locks. */
export function holdOwnerLock(owner: string): void {
  let release = () => {};
  let shown = true;
  /** Held until released: the lock's callback returns a promise that release() resolves. */
  const heldUntilReleased = () =>
    new Promise<void>((done) => {
      release = done;
    });
  const hold = () => {
    navigator.locks?.request(OWNER_LOCK_PREFIX + owner, () => (shown ? heldUntilReleased() : undefined)).catch(() => undefined);
  };
  hold();
  addEventListener('pagehide', () => {
    shown = false;
    release();
  });
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    shown = true;
    hold();
  });
}
