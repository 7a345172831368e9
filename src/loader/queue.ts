// The event queue, the loader's half. track() stores each event at once, synchronously: until the
// sender chunk is there, the page's events not yet in IndexedDB are rewritten to one localStorage
// key once per tick (sessionStorage where localStorage is full), so neither a navigation in the
// same task as track() nor a crash loses them.
// The sender then moves them into the durable queue in IndexedDB, shared by all tabs, and stores
// later events there itself (sender/stored-queue.ts). An in-memory mirror of the page's own events
// lets a send on page hide start without reading IndexedDB.
import type { QueuedEvent } from '../types';
import { writeStorage } from './web-storage';

/** IndexedDB database and object store holding queued events. */
export const QUEUE_DATABASE = 'personalize-tracker';
export const QUEUE_STORE = 'events';
/** localStorage key prefix (then the owner id) of the page's events not yet in IndexedDB. */
export const UNSAVED_PREFIX = 'personalize-tracker:unsaved:';

export interface EventQueue {
  /** Queues a record now; `store` gets every record added in the tick, at its end. */
  add(record: QueuedEvent): void;
  /** This page's own queued records by key (no IndexedDB read needed); the sender deletes settled ones. */
  readonly mirror: Map<string, QueuedEvent>;
  /** This page's records not yet in IndexedDB, by key. */
  readonly unsaved: Map<string, QueuedEvent>;
  /** The localStorage key of this page's unsaved records. */
  readonly noteKey: string;
  /** Stores the records added in a tick: in localStorage until the sender replaces it. */
  store(added: QueuedEvent[]): void;
  /** Forgets this page's records (opt-out, after forgetStored()); `onClear` (the sender) deletes the stored queue of every page. */
  clear(): void;
  onClear?: () => void;
}

export function createQueue(owner: string): EventQueue {
  let added: QueuedEvent[] = [];
  const queue: EventQueue = {
    mirror: new Map(),
    unsaved: new Map(),
    noteKey: UNSAVED_PREFIX + owner,
    // sessionStorage where localStorage is full; the sender removes both copies once the events are in IndexedDB
    store() {
      const note = JSON.stringify([...queue.unsaved.values()]);
      if (!writeStorage('localStorage', queue.noteKey, note)) writeStorage('sessionStorage', queue.noteKey, note);
    },
    add(record) {
      queue.mirror.set(record.key, record);
      queue.unsaved.set(record.key, record);
      if (added.push(record) > 1) return;
      queueMicrotask(() => {
        const records = added;
        added = [];
        queue.store(records);
      });
    },
    clear() {
      queue.mirror.clear();
      queue.unsaved.clear();
      added = [];
      queue.onClear?.(); // the page's note in web storage went with the tracker's other keys (forget.ts)
    },
  };
  return queue;
}
