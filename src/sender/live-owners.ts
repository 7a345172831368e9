// Which page may send which events, across the tabs of an origin (Web Locks:
// https://w3c.github.io/web-locks/). Every live page holds a lock named after its owner id from
// init() on (loader/owner-lock.ts); only that page sends its own events, so two tabs never send the
// same event. Events whose owner holds no lock (closed, crashed or reloaded pages) are orphans, and
// one page at a time, holding the send lock, delivers them.
import { OWNER_LOCK_PREFIX } from '../shared/storage-names';

const SEND_LOCK = 'personalize-tracker:send';
/** Without Web Locks, another page's events count as orphans once they are this old. */
export const ORPHAN_AGE_WITHOUT_LOCKS_MS = 10 * 60_000;
/**
 * A page takes its lock in init(), before it stores an event. Younger events without a live owner
 * may still belong to a page whose lock request is not granted yet, so they wait this long.
 */
export const ORPHAN_GRACE_MS = 1_000;

const locks = (): LockManager | undefined => (typeof navigator !== 'undefined' ? navigator.locks : undefined);

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
