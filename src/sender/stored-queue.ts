// The durable queue in IndexedDB (through idb-keyval, in its own database), shared by all tabs of
// the origin. From the moment the sender takes the page's queue over (page-queue.ts), it stores the
// page's events here, first those the loader kept in localStorage. An
// event leaves IndexedDB only after the service accepted it (or refused it as invalid); a send may
// start before its write has committed, since the delete is ordered after the write. When
// IndexedDB fails (quota, private mode, WebKit's "Connection to Indexed Database server lost":
// https://bugs.webkit.org/show_bug.cgi?id=197050), or another script created the database first
// without our store, the store is reopened once, then the page queue in memory is the queue and the page's exit
// note in web storage is kept current, so a page change or a crash still loses nothing. Deletes are
// gathered for a moment into one transaction: one per request cost more main-thread time than the sends.
import { clear, delMany, getMany, keys as storedKeysOf, promisifyRequest, type UseStore } from 'idb-keyval';
import { createClosingStore } from './closing-store';
import { ownerOfKey } from '../shared/queue-key';
import type { PageQueue } from './page-queue';
import { QUEUE_DATABASE, QUEUE_STORE } from '../shared/storage-names';
import { removeNote } from '../shared/web-storage';
import type { NoteWriter } from './note-writer';
import type { QueuedEvent } from '../types';

const DELETE_GATHER_MS = 200;

/** Deletes the stored queue of every page (optOut() on a page whose sender had not started). */
export const clearStoredQueue = () => clear(createClosingStore(QUEUE_DATABASE, QUEUE_STORE));

const byKey = (a: QueuedEvent, b: QueuedEvent) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export interface StoredQueue {
  /** Writes records added to the page's queue in one transaction; once it committed they are no longer unsaved. */
  write(added: QueuedEvent[]): void;
  /** Deletes the stored queue of every page (opt-out). */
  clearAll(): void;
  /**
   * This page's own records and the stored records of other pages not in `liveOwners`, oldest
   * first. Only those other records are read in full: the keys name each record's owner. The
   * mirror forgets own records no longer stored (another page delivered them).
   */
  readAll(owner: string, liveOwners?: Set<string>): Promise<QueuedEvent[]>;
  /** Deletes delivered or dropped records (at once from memory, soon from IndexedDB). */
  remove(keys: string[]): void;
  /** Deletes now what remove() gathered, 100 keys a transaction, each further slice in a task of its own (page hide: the exit note names those whose delete has not committed). */
  flushDeletes(): Promise<unknown>;
  /** Keys removed whose IndexedDB delete has not committed yet (a page going away may never commit it). */
  readonly deleting: Set<string>;
  /** Runs an IndexedDB operation after every write before it; undefined once in memory-only mode. */
  run<T>(operation: (store: UseStore) => Promise<T>): Promise<T | undefined>;
  /** Page hide: what is not yet in IndexedDB goes to localStorage, synchronously, for the next page. */
  saveUnsaved(): void;
  /** Memory-only mode: takes gone pages' events into this page's queue (and so its exit note). */
  adopt(records: QueuedEvent[]): void;
}

/** The one report of a failed IndexedDB, naming the cause. */
export function describeStorageFailure(cause: unknown): string {
  const foreign = (cause as Error | undefined)?.name === 'NotFoundError'; // the store is missing: another script made the database
  return `${foreign ? `database "${QUEUE_DATABASE}" has no "${QUEUE_STORE}" store (another script created it)` : `IndexedDB failed (${cause})`}; events are kept in memory and localStorage`;
}

/**
 * Records put in one IndexedDB transaction, and so in one task: put() clones each record at once,
 * about 30 µs a record in Chromium 150 (a CPU profile of a 1000-event burst), so 100 stay near
 * 3 ms, and 12 ms at 4× CPU.
 */
const MAX_RECORDS_PER_WRITE = 100;
/**
 * Records put at once, at the end of the tick that tracked them (about 1 ms at 4× CPU); a larger
 * write waits for a task of its own, so that the page's task which tracked a burst (a click
 * handler: the shop's own code) does not clone it too.
 */
const MAX_RECORDS_AT_TICK_END = 10;
/**
 * Keys deleted in one IndexedDB transaction, each further slice in a task of its own: delete() took
 * about 67 µs a key in Chromium 150 (a CPU profile of delivering 1000 events, where one transaction
 * deleting them all made a 73 ms task at 4× CPU), so 100 stay near 7 ms, 27 ms at 4× CPU.
 */
const MAX_DELETES_PER_TRANSACTION = 100;

/** `onDeleted` hears of the keys whose IndexedDB delete committed. */
export function createStoredQueue(page: PageQueue, notes: NoteWriter, onStorageFailure: (cause: unknown) => void, onDeleted: (keys: string[]) => void = () => undefined): StoredQueue {
  let gathered: string[] = [];
  const deleting = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let store: UseStore | undefined;
  let durable = true;
  let lastOperation: Promise<unknown> = Promise.resolve();
  let noted = true; // the loader may have left this page's records in localStorage

  function run<T>(operation: (store: UseStore) => Promise<T>): Promise<T | undefined> {
    const attempt = () => {
      if (!durable) return undefined;
      store ??= createClosingStore(QUEUE_DATABASE, QUEUE_STORE);
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
          saveUnsaved();
        }
        return undefined;
      });
    lastOperation = result;
    return result;
  }

  /** `inOwnTask`: called from a timer of its own, not at the end of the tick that tracked the records (default false). */
  function write(added: QueuedEvent[], inOwnTask = false): void {
    const records = added.filter((record) => page.has(record.key)); // not those delivered or dropped meanwhile
    if (records.length === 0) return;
    if (!durable) {
      saveUnsaved();
      return;
    }
    // A burst goes in slices, each in a task of its own after the one that tracked it: put() clones
    // its record synchronously. Until written, they are unsaved records, which page hide keeps in
    // localStorage, and a send takes them from memory meanwhile.
    if (!inOwnTask && records.length > MAX_RECORDS_AT_TICK_END) {
      setTimeout(() => write(records, true));
      return;
    }
    if (records.length > MAX_RECORDS_PER_WRITE) {
      write(records.slice(0, MAX_RECORDS_PER_WRITE), true);
      setTimeout(() => write(records.slice(MAX_RECORDS_PER_WRITE), true));
      return;
    }
    // The gathered deletes go in the same transaction, so the stored queue is never over its bound.
    const doomed = gathered;
    gathered = [];
    void run((opened) =>
      opened('readwrite', (objectStore) => {
        doomed.forEach((key) => objectStore.delete(key));
        records.forEach((record) => objectStore.put(record, record.key));
        return promisifyRequest(objectStore.transaction);
      }),
    ).then(() => {
      doomed.forEach((key) => deleting.delete(key));
      onDeleted(doomed);
      if (!durable) return; // memory only: saveUnsaved() keeps them at page hide
      page.saved(records);
      if (noted && page.unsavedCount() === 0) {
        noted = false;
        removeNote(page.noteKey);
      }
    });
  }

  async function flushDeletes(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const keys = gathered;
    gathered = [];
    for (let start = 0; start < keys.length; start += MAX_DELETES_PER_TRANSACTION) {
      if (start > 0) await new Promise((resume) => setTimeout(resume));
      const slice = keys.slice(start, start + MAX_DELETES_PER_TRANSACTION);
      await run((opened) => delMany(slice, opened));
      slice.forEach((key) => deleting.delete(key));
      onDeleted(slice);
    }
  }

  function saveUnsaved(): void {
    const waiting = page.unsaved();
    noted = waiting.length > 0;
    if (noted) notes.write(page.noteKey, JSON.stringify(waiting));
    else removeNote(page.noteKey);
  }

  write(page.unsaved());

  return {
    write: (added) => write(added),
    clearAll: () => void run(clear),
    async readAll(owner, liveOwners) {
      await flushDeletes(); // every slice before the read below, which must not see what was delivered
      const queuedBefore = page.keys(); // all written before the read below
      const keys = await run((opened) => storedKeysOf<string>(opened));
      if (!keys) return page.records();
      page.forgetDelivered(queuedBefore, new Set(keys));
      const othersKeys = keys.filter((key) => ownerOfKey(key) !== owner && !liveOwners?.has(ownerOfKey(key)));
      const others = othersKeys.length > 0 ? ((await run((opened) => getMany<QueuedEvent>(othersKeys, opened))) ?? []) : [];
      return [...page.records(), ...others.filter((record) => record !== undefined)].sort(byKey);
    },
    remove(keys) {
      page.remove(keys);
      keys.forEach((key) => deleting.add(key));
      if (!durable) saveUnsaved(); // the exit note is the only copy: delivered events leave it now
      gathered.push(...keys);
      timer ??= setTimeout(flushDeletes, DELETE_GATHER_MS);
    },
    flushDeletes,
    deleting,
    run,
    saveUnsaved,
    adopt(records) {
      page.put(records);
      saveUnsaved();
    },
  };
}
