// The event queue, the loader's half. track() stores each event at once, synchronously: until the
// sender chunk is there, the page's events not yet in IndexedDB are rewritten to one localStorage
// key once per tick (sessionStorage where localStorage is full), so neither a navigation in the
// same task as track() nor a crash loses them.
// The sender then moves them into the durable queue in IndexedDB, shared by all tabs, and stores
// later events there itself (sender/stored-queue.ts). An in-memory mirror of the page's own events
// lets a send on page hide start without reading IndexedDB.
import { UNSAVED_PREFIX } from '../shared/storage-names';
import type { EventQueue } from '../shared/contract';
import type { QueuedEvent } from '../types';
import { writeStorage } from '../shared/web-storage';


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
