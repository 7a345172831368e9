// A tab opened by window.open() (without noopener) starts with a copy of its opener's
// sessionStorage (https://html.spec.whatwg.org/multipage/document-sequences.html#copy-session-storage),
// and "Duplicate tab" copies it too: the copy would report the opener's session id. So each page
// notes its owner id beside the session id (at its sender's first pass, and again back from the
// back/forward cache). A page that finds the note of a page still holding its owner lock
// (loader/owner-lock.ts) is a copy of that page's tab, and starts a session of its own. A reloaded
// or navigated tab finds the note of the page before, which let its lock go at pagehide, long
// before this page's sender chunk was fetched: it keeps the session. Same-origin frames share
// their tab's sessionStorage, so they neither note nor check.
import { randomId } from '../shared/random-id';
import type { QueuedEvent } from '../types';
import { SESSION_STORAGE_KEY } from '../shared/storage-names';
import { readStorage, writeStorage } from '../shared/web-storage';
import { liveOwners } from './live-owners';
import type { PageQueue } from './page-queue';

/** The sessionStorage key of the owner id of the page that last used the tab's session. */
export const SESSION_OWNER_KEY = 'personalize-tracker:session-owner';

/** The owner ids of this document's trackers: they share its session. */
const PAGE_OWNERS = new Set<string>();
let pageSession = ''; // this document's own session, once it found itself a copy
let copiedSession: string | null = null; // the session it found copied from another tab

/** Whether `noted`, the owner id found beside the session, is a live page of another document (never, without Web Locks). */
export async function openElsewhere(noted: string | null, pageOwners: Set<string>, live = liveOwners): Promise<boolean> {
  return !!noted && !pageOwners.has(noted) && !!(await live())?.has(noted);
}

/** Notes `owner` beside the tab's session; not in a frame. */
export function noteSessionOwner(owner: string): void {
  if (window.top === window) writeStorage('sessionStorage', SESSION_OWNER_KEY, owner);
}

/** Moves a record stamped with a copied session to this document's own (the loader keeps stamping the session it read). */
export function restampCopied(record: QueuedEvent): QueuedEvent {
  if (pageSession && record.sessionId === copiedSession) record.sessionId = pageSession;
  return record;
}

/**
 * Makes this page's session its own, then notes the page beside it. Where the tab is a copy, a new
 * session replaces the copied one in sessionStorage and in the page's queued events (`store` writes
 * them again: IndexedDB holds them under the copied session); restampCopied() moves later ones.
 */
export async function settleSession(owner: string, page: PageQueue, store: (records: QueuedEvent[]) => void): Promise<void> {
  const copied = readStorage('sessionStorage', SESSION_STORAGE_KEY);
  PAGE_OWNERS.add(owner);
  if (window.top === window && (await openElsewhere(readStorage('sessionStorage', SESSION_OWNER_KEY), PAGE_OWNERS))) {
    pageSession ||= randomId();
    copiedSession ??= copied;
    writeStorage('sessionStorage', SESSION_STORAGE_KEY, pageSession);
    const records = page.records();
    records.forEach(restampCopied);
    store(records);
  }
  noteSessionOwner(owner);
}
