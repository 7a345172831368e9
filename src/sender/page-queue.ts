// This page's own queued events, in memory, once the sender took them over from the loader
// (loader/queue.ts): every event still queued (so a send on page hide needs no IndexedDB read),
// and which of them are not yet in IndexedDB (the page's exit note in web storage holds those).
// Records added in one tick are stored together at its end, in one IndexedDB transaction.
import type { QueueStorage } from '../shared/contract';
import type { QueuedEvent } from '../types';

export interface PageQueue extends QueueStorage {
  /** The web-storage key of this page's unsaved records. */
  readonly noteKey: string;
  /** Whether the record is still queued (not delivered or dropped). */
  has(key: string): boolean;
  /** This page's queued records in the order they were added (oldest first). */
  values(): IterableIterator<QueuedEvent>;
  /** This page's queued records, by key (tracking time, then call order). */
  records(): QueuedEvent[];
  /** Queued records not yet in IndexedDB. */
  unsaved(): QueuedEvent[];
  /** How many queued records are not yet in IndexedDB. */
  unsavedCount(): number;
  /** The records are in IndexedDB now. */
  saved(records: QueuedEvent[]): void;
  /** Queues records as not yet in IndexedDB, without storing them (the caller does). */
  put(records: QueuedEvent[]): void;
  /** Delivered or dropped records leave. */
  remove(keys: string[]): void;
  /** Of the keys queued before an IndexedDB read, forgets those it no longer held (another page delivered them). */
  forgetDelivered(queuedBefore: string[], stored: Set<string>): void;
  /** This page's queued keys. */
  keys(): string[];
}

const byKey = (a: QueuedEvent, b: QueuedEvent) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** `store` gets the records added in a tick, at its end; `cleared` runs on clear() (opt-out). */
export function createPageQueue(noteKey: string, store: (added: QueuedEvent[]) => void, cleared: () => void): PageQueue {
  const queued = new Map<string, QueuedEvent>();
  const unsavedKeys = new Set<string>();
  let added: QueuedEvent[] = [];

  function storeAdded(): void {
    const records = added;
    added = [];
    store(records);
  }

  return {
    noteKey,
    add(record) {
      queued.set(record.key, record);
      unsavedKeys.add(record.key);
      if (added.push(record) === 1) queueMicrotask(storeAdded);
    },
    size: () => queued.size,
    clear() {
      queued.clear();
      unsavedKeys.clear();
      added = [];
      cleared();
    },
    has: (key) => queued.has(key),
    values: () => queued.values(),
    records: () => [...queued.values()].sort(byKey),
    unsaved: () => [...unsavedKeys].map((key) => queued.get(key)!),
    unsavedCount: () => unsavedKeys.size,
    saved(records) {
      for (const record of records) unsavedKeys.delete(record.key);
    },
    put(records) {
      for (const record of records) {
        queued.set(record.key, record);
        unsavedKeys.add(record.key);
      }
    },
    remove(keys) {
      for (const key of keys) {
        queued.delete(key);
        unsavedKeys.delete(key);
      }
    },
    forgetDelivered(queuedBefore, stored) {
      for (const key of queuedBefore) if (!stored.has(key) && !unsavedKeys.has(key)) queued.delete(key);
    },
    keys: () => [...queued.keys()],
  };
}
