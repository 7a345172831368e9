// The durable event queue: IndexedDB (through idb-keyval, in its own database) shared by all tabs
// of the origin, plus an in-memory mirror of this page's own events so that sending on page hide
// never waits on an IndexedDB read. This is the loader's half (add and write); reading and deleting
// live in stored-queue.ts, in the sender chunk. When IndexedDB fails (quota, private mode, WebKit's
// "Connection to Indexed Database server lost": https://bugs.webkit.org/show_bug.cgi?id=197050)
// the store is reopened once, then the mirror is the queue.
// An IndexedDB write is asynchronous, and a page that goes away aborts it: an event tracked in the
// same task as a click on a link would be lost. So on pagehide, whatever is not yet stored goes to
// localStorage, which is synchronous, and the next page moves it into the queue (sender/exit-notes.ts).
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { QueuedEvent } from '../types';
import { removeStorage, writeStorage } from './web-storage';

/** IndexedDB database and object store holding queued events. */
export const QUEUE_DATABASE = 'personalize-tracker';
export const QUEUE_STORE = 'events';
/** localStorage key prefix (then the owner id) of the events a page had not stored when it went away. */
export const UNSAVED_PREFIX = 'personalize-tracker:unsaved:';

export interface EventQueue {
  /** Queues a record now; the IndexedDB write of all records added in one task is one transaction, in a later task. */
  add(record: QueuedEvent): void;
  /** This page's own queued records by key (no IndexedDB read needed); the sender deletes settled ones. */
  readonly mirror: Map<string, QueuedEvent>;
  /** Deletes every queued event, of every page (opt-out). */
  clear(): Promise<unknown>;
  /** Runs an IndexedDB operation after every write before it; undefined once in memory-only mode. */
  run<T>(operation: (store: UseStore) => Promise<T>): Promise<T | undefined>;
}

export function createQueue(owner: string, onStorageFailure: (cause: unknown) => void): EventQueue {
  const mirror = new Map<string, QueuedEvent>();
  const unsaved = new Map<string, QueuedEvent>(); // added, and the transaction storing it not complete
  let unwritten: QueuedEvent[] = [];
  let store: UseStore | undefined;
  let durable = true;
  let lastOperation: Promise<unknown> = Promise.resolve();

  function run<T>(operation: (store: UseStore) => Promise<T>): Promise<T | undefined> {
    if (unwritten.length > 0) writeUnwritten(); // records added this tick are stored before anything reads or deletes
    const attempt = () => {
      if (!durable) return undefined;
      store ??= createStore(QUEUE_DATABASE, QUEUE_STORE);
      return operation(store);
    };
    const result = lastOperation
      .then(attempt)
      .catch(() => {
        store = undefined; // a lost connection needs a new one
        return attempt();
      })
      .catch((cause) => {
        if (durable) {
          durable = false;
          onStorageFailure(cause);
        }
        return undefined;
      });
    lastOperation = result;
    return result;
  }

  /** One read-write transaction (idb-keyval's setMany and clear pull in its default store; these do not). */
  const write = (change: (objectStore: IDBObjectStore) => void) =>
    run((opened) =>
      opened('readwrite', (objectStore) => {
        change(objectStore);
        return promisifyRequest(objectStore.transaction);
      }),
    );

  function writeUnwritten(): void {
    const records = unwritten;
    if (records.length === 0) return;
    unwritten = [];
    void write((objectStore) => records.forEach((record) => objectStore.put(record, record.key))).then(
      () => durable && records.forEach((record) => unsaved.delete(record.key)), // memory-only: kept for pagehide
    );
  }

  const noteKey = UNSAVED_PREFIX + owner;
  addEventListener('pagehide', () => {
    const waiting = [...unsaved.values()].filter((record) => mirror.has(record.key));
    if (waiting.length > 0) writeStorage('localStorage', noteKey, JSON.stringify(waiting));
  });
  addEventListener('pageshow', (event) => event.persisted && removeStorage('localStorage', noteKey));

  return {
    add(record) {
      mirror.set(record.key, record);
      unsaved.set(record.key, record);
      // A task of its own, not the end of the caller's: 1000 puts take ~40 ms at 4× CPU (issue 11, point 4).
      if (durable && unwritten.push(record) === 1) setTimeout(writeUnwritten);
    },
    mirror,
    clear() {
      mirror.clear();
      unsaved.clear();
      unwritten = [];
      return write((objectStore) => objectStore.clear());
    },
    run,
  };
}
