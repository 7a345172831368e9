// What a page that went away left for the next page, in web storage (synchronous, so it can be
// written on the way out; see note-writer.ts): the events it had not yet stored in IndexedDB
// (loader/queue.ts), and the events whose request it handed to fetch with keepalive but whose
// answer it never saw. The first are moved into the queue; the second are taken as delivered and
// deleted. That trades a rare loss (a keepalive request that failed after its page was gone) for no
// repeat of every event sent on the way out; docs/delivery.md has the figures.
// An event is noted only once its request reached fetch(): a document removed from the page (a
// widget's iframe) runs its pagehide handlers, but none of its promise continuations after that
// (measured in Chromium: a fetch started in pagehide left, one a microtask later never ran), so a
// send that had not reached fetch yet never left. Its events stay queued, for a live page to send.
import { setMany } from 'idb-keyval';
import { LEFT_PREFIX, UNSAVED_PREFIX } from '../shared/storage-names';
import { removeNote, removeStorage, writeStorage } from '../shared/web-storage';
import type { QueuedEvent } from '../types';
import type { NoteWriter } from './note-writer';
import type { StoredQueue } from './stored-queue';


export interface LeftNote {
  /** A request carrying these events was handed to fetch; once the page is leaving, they are noted at once. */
  handedOff(keys: string[]): void;
  /** Page hide: notes the handed-off events still unanswered and `deleting` (delivered, delete not committed). */
  leave(deleting: Iterable<string>): void;
  /** The page stays after all, or came back from the back/forward cache. */
  stay(): void;
  /** A request got its answer in this page: a failed one's events are forgotten, so they are sent again. */
  settled(keys: string[], delivered: boolean): void;
  /** These events' IndexedDB deletes committed: no next page needs to hear of them. */
  deleted(keys: string[]): void;
}

/** localStorage key written and removed at once by a page leaving with events queued: its `storage` event tells the other pages. */
const LEAVING_KEY = 'personalize-tracker:leaving';

/** Page hide with events still queued: tells the origin's other pages (https://html.spec.whatwg.org/#the-storageevent-interface). */
export function announceLeaving(owner: string): void {
  writeStorage('localStorage', LEAVING_KEY, owner);
  removeStorage('localStorage', LEAVING_KEY);
}

/** Calls `onLeft` when another page of the origin leaves with events queued or wrote an exit note. */
export function watchLeavingPages(owner: string, onLeft: () => void): void {
  addEventListener('storage', ({ key, newValue }) => {
    if (key === null || newValue === null || newValue === owner || key.endsWith(owner)) return; // removals, and this page's own
    if (key === LEAVING_KEY || key.startsWith(LEFT_PREFIX) || key.startsWith(UNSAVED_PREFIX)) onLeft();
  });
}

/** This page's note of the events that left with keepalive. */
export function createLeftNote(owner: string, notes: NoteWriter): LeftNote {
  const handed = new Set<string>(); // handed to fetch, no answer yet
  const noted = new Set<string>();
  let leaving = false;
  const save = () => (noted.size > 0 ? notes.write(LEFT_PREFIX + owner, JSON.stringify([...noted])) : removeNote(LEFT_PREFIX + owner));
  return {
    handedOff(keys) {
      keys.forEach((key) => handed.add(key));
      if (!leaving) return;
      keys.forEach((key) => noted.add(key));
      save();
    },
    leave(deleting) {
      leaving = true;
      for (const key of [...handed, ...deleting]) noted.add(key);
      if (noted.size > 0) save();
    },
    stay() {
      leaving = false;
    },
    settled(keys, delivered) {
      keys.forEach((key) => handed.delete(key));
      // A delivered event stays noted: its IndexedDB delete may not have committed when the page goes.
      if (delivered || !keys.some((key) => noted.delete(key))) return;
      save();
    },
    deleted(keys) {
      if (keys.some((key) => noted.delete(key))) save();
    },
  };
}

const parse = (json: string | null): unknown[] => {
  try {
    const value = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
};

/** The exit notes of gone pages (owners not in `live`, not `owner`) in one storage, by key. */
function notesOf(kind: 'localStorage' | 'sessionStorage', live: Set<string>, owner: string): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  try {
    const storage = window[kind];
    for (let index = 0; index < storage.length; index++) {
      const name = storage.key(index) ?? '';
      const prefix = [LEFT_PREFIX, UNSAVED_PREFIX].find((candidate) => name.startsWith(candidate));
      const noteOwner = prefix ? name.slice(prefix.length) : owner;
      if (noteOwner !== owner && !live.has(noteOwner)) found.set(name, parse(storage.getItem(name)));
    }
  } catch {
    // blocked storage: no page could have left a note there
  }
  return found;
}

/**
 * Takes the notes of gone pages: moves their unsaved events into the queue, deletes what left. A
 * note is removed only once its events are safe: in IndexedDB, or where IndexedDB fails, in this
 * page's queue and exit note.
 */
export async function takeExitNotes(live: Set<string>, owner: string, stored: StoredQueue, notes: NoteWriter): Promise<void> {
  const inSession = notesOf('sessionStorage', live, owner);
  const taken = new Map([...notesOf('localStorage', live, owner), ...inSession]);
  if (taken.size === 0) return;
  if (inSession.size > 0) notes.foundInSessionStorage();
  const left = new Set<string>();
  const unsaved = new Map<string, QueuedEvent>();
  for (const [name, items] of taken) {
    if (name.startsWith(LEFT_PREFIX)) items.forEach((key) => typeof key === 'string' && left.add(key));
    else for (const record of items as QueuedEvent[]) if (typeof record?.key === 'string' && record.event) unsaved.set(record.key, record);
  }
  const moved = [...unsaved.values()].filter((record) => !left.has(record.key));
  if (moved.length > 0) {
    const saved = await stored.run((store) => setMany(moved.map((record) => [record.key, record]), store).then(() => true));
    if (!saved) stored.adopt(moved);
  }
  stored.remove([...left]);
  taken.forEach((_, name) => removeNote(name));
}
