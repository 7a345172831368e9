// Which page may send which events, across the tabs of an origin (Web Locks:
// https://w3c.github.io/web-locks/). Every live page with a sender holds a lock named after its
// owner id; only that page sends its own events, so two tabs never send the same event. Events whose owner holds
// no lock (closed, crashed or reloaded pages) are orphans, and one page at a time, holding the send
// lock, delivers them. Locks are released on pagehide, since a page holding one cannot enter the
// back/forward cache, and taken again on pageshow.

const OWNER_LOCK_PREFIX = 'personalize-tracker:owner:';
const SEND_LOCK = 'personalize-tracker:send';
/** Without Web Locks, another page's events count as orphans once they are this old. */
export const ORPHAN_AGE_WITHOUT_LOCKS_MS = 10 * 60_000;
/**
 * A page takes its lock when its sender loads, within seconds of its first event (idle, or the
 * first flush). Younger events without a live owner may belong to a page still loading, so they
 * are not orphans yet: sweeping them would race that page's own first send.
 */
export const ORPHAN_GRACE_MS = 10_000;

const locks = (): LockManager | undefined => (typeof navigator !== 'undefined' ? navigator.locks : undefined);

export interface OwnerLock {
  /** Takes the lock (again); it is held until release(). */
  hold(): void;
  release(): void;
}

/** The lock that marks the page owning `owner`'s events as alive. */
export function createOwnerLock(owner: string): OwnerLock {
  let releaseHeld = () => {};
  let released = false;
  return {
    hold() {
      released = false;
      locks()
        ?.request(OWNER_LOCK_PREFIX + owner, () => (released ? undefined : new Promise<void>((done) => (releaseHeld = done))))
        .catch(() => undefined);
    },
    release() {
      released = true;
      releaseHeld();
    },
  };
}

/** Owner ids of the live pages, or undefined where Web Locks are missing. */
export async function liveOwners(): Promise<Set<string> | undefined> {
  const manager = locks();
  if (!manager) return undefined;
  const { held = [] } = await manager.query();
  return new Set(held.map((lock) => lock.name ?? '').filter((name) => name.startsWith(OWNER_LOCK_PREFIX)).map((name) => name.slice(OWNER_LOCK_PREFIX.length)));
}

/** Runs `send` while holding the origin-wide send lock (or directly where Web Locks are missing). */
export function withSendLock<T>(send: () => Promise<T>): Promise<T> {
  const manager = locks();
  return manager ? (manager.request(SEND_LOCK, send) as Promise<T>) : send();
}
