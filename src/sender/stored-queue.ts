// The sender's half of the queue: reading every stored record and deleting settled ones. It lives
// in the sender chunk so the loader carries only the write path. Deletes are gathered for a moment
// into one IndexedDB transaction: one per request cost more main-thread time than the sends.
import { delMany, getMany, keys as storedKeysOf } from 'idb-keyval';
import type { EventQueue } from '../loader/queue';
import type { QueuedEvent } from '../types';

const DELETE_GATHER_MS = 200;

const byKey = (a: QueuedEvent, b: QueuedEvent) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** This page's own queued records, oldest first, from memory. */
export const ownRecords = (queue: EventQueue) => [...queue.mirror.values()].sort(byKey);

/** The owner id inside a queue key, `${sentAt}-${sequence}-${owner}` (see tracker.ts). */
export const ownerOfKey = (key: string) => key.slice(key.indexOf('-', key.indexOf('-') + 1) + 1);

export interface StoredQueue {
  /**
   * This page's own records and the stored records of other pages not in `liveOwners`, oldest
   * first. Only those other records are read in full: the keys name each record's owner. The
   * mirror forgets own records no longer stored (another page delivered them).
   */
  readAll(owner: string, liveOwners?: Set<string>): Promise<QueuedEvent[]>;
  /** Deletes delivered or dropped records (at once from memory, soon from IndexedDB). */
  remove(keys: string[]): void;
  /** Deletes now what remove() gathered (page hide: timers may not run again). */
  flushDeletes(): Promise<unknown>;
}

export function createStoredQueue(queue: EventQueue): StoredQueue {
  let gathered: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flushDeletes(): Promise<unknown> {
    clearTimeout(timer);
    timer = undefined;
    const keys = gathered;
    gathered = [];
    return keys.length > 0 ? queue.run((store) => delMany(keys, store)) : Promise.resolve();
  }

  return {
    async readAll(owner, liveOwners) {
      void flushDeletes(); // ordered before the read below
      const mirrored = [...queue.mirror.keys()]; // all written before the read below
      const keys = await queue.run((store) => storedKeysOf<string>(store));
      if (!keys) return ownRecords(queue);
      const stored = new Set(keys);
      for (const key of mirrored) if (!stored.has(key)) queue.mirror.delete(key);
      const othersKeys = keys.filter((key) => ownerOfKey(key) !== owner && !liveOwners?.has(ownerOfKey(key)));
      const others = othersKeys.length > 0 ? ((await queue.run((store) => getMany<QueuedEvent>(othersKeys, store))) ?? []) : [];
      return [...ownRecords(queue), ...others.filter((record) => record !== undefined)].sort(byKey);
    },
    remove(keys) {
      for (const key of keys) queue.mirror.delete(key);
      gathered.push(...keys);
      timer ??= setTimeout(flushDeletes, DELETE_GATHER_MS);
    },
    flushDeletes,
  };
}
