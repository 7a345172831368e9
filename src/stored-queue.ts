// The sender's half of the queue: reading every stored record and deleting settled ones. It lives
// in the sender chunk so the loader carries only the write path. Deletes are gathered for a moment
// into one IndexedDB transaction: one per request cost more main-thread time than the sends.
import { delMany, values } from 'idb-keyval';
import type { EventQueue } from './queue';
import type { QueuedEvent } from './types';

const DELETE_GATHER_MS = 200;

const byKey = (a: QueuedEvent, b: QueuedEvent) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** This page's own queued records, oldest first, from memory. */
export const ownRecords = (queue: EventQueue) => [...queue.mirror.values()].sort(byKey);

export interface StoredQueue {
  /** Every stored record of every page, oldest first; the mirror forgets own records no longer stored. */
  readAll(): Promise<QueuedEvent[]>;
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
    async readAll() {
      void flushDeletes(); // ordered before the read below
      const mirrored = [...queue.mirror.keys()]; // all written before the read below
      const stored = await queue.run((store) => values<QueuedEvent>(store));
      if (!stored) return ownRecords(queue);
      const storedKeys = new Set(stored.map((record) => record.key));
      for (const key of mirrored) if (!storedKeys.has(key)) queue.mirror.delete(key);
      return stored.sort(byKey);
    },
    remove(keys) {
      for (const key of keys) queue.mirror.delete(key);
      gathered.push(...keys);
      timer ??= setTimeout(flushDeletes, DELETE_GATHER_MS);
    },
    flushDeletes,
  };
}
