// What a page that went away left for the next page, in localStorage (synchronous, so it can be
// written on the way out): the events it had not yet stored in IndexedDB (loader/queue.ts), and
// the events that left with keepalive whose answer it never saw. The first are moved into the
// queue; the second are taken as delivered and deleted. That trades a rare loss (a keepalive request
// that failed after its page was gone) for no repeat of every event sent on the way out; the README
// ("Duplicates") has the figures.
import { setMany } from 'idb-keyval';
import { UNSAVED_PREFIX } from '../loader/queue';
import { removeStorage, writeStorage } from '../loader/web-storage';
import type { QueuedEvent } from '../types';
import type { StoredQueue } from './stored-queue';

/** localStorage key prefix (then the owner id) of the keys of events that left with keepalive. */
export const LEFT_PREFIX = 'personalize-tracker:left:';

export interface LeftNote {
  /** Page hide: notes every event now in flight (synchronous). */
  write(inFlight: Iterable<string>): void;
  /** A noted request got its answer in this page: a failed one is forgotten, so the event is sent again. */
  settled(keys: string[], delivered: boolean): void;
}

/** This page's note of the events that left with keepalive. */
export function createLeftNote(owner: string): LeftNote {
  const noted = new Set<string>();
  const save = () =>
    noted.size > 0 ? writeStorage('localStorage', LEFT_PREFIX + owner, JSON.stringify([...noted])) : removeStorage('localStorage', LEFT_PREFIX + owner);
  return {
    write(inFlight) {
      for (const key of inFlight) noted.add(key);
      save();
    },
    settled(keys, delivered) {
      // A delivered event stays noted: its IndexedDB delete may not have committed when the page goes.
      if (delivered || !keys.some((key) => noted.delete(key))) return;
      save();
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

/** Takes the notes of gone pages (owners not in `live`): moves their unsaved events into the queue, deletes what left. */
export async function takeExitNotes(live: Set<string>, owner: string, stored: StoredQueue): Promise<void> {
  let storage: Storage;
  try {
    storage = localStorage;
  } catch {
    return; // blocked storage: no page could have left a note
  }
  const left = new Set<string>();
  const unsaved: QueuedEvent[] = [];
  const taken: string[] = [];
  for (let index = 0; index < storage.length; index++) {
    const name = storage.key(index) ?? '';
    const prefix = [LEFT_PREFIX, UNSAVED_PREFIX].find((candidate) => name.startsWith(candidate));
    const noteOwner = prefix && name.slice(prefix.length);
    if (!prefix || noteOwner === owner || live.has(noteOwner as string)) continue;
    taken.push(name);
    const items = parse(storage.getItem(name));
    if (prefix === LEFT_PREFIX) items.forEach((key) => typeof key === 'string' && left.add(key));
    else unsaved.push(...(items as QueuedEvent[]).filter((record) => typeof record?.key === 'string' && record.event));
  }
  if (taken.length === 0) return;
  const moved = unsaved.filter((record) => !left.has(record.key));
  if (moved.length > 0) await stored.run((store) => setMany(moved.map((record) => [record.key, record]), store));
  stored.remove([...left]);
  taken.forEach((name) => removeStorage('localStorage', name));
}
