// The event queue, the loader's half. track() stores each event at once, synchronously: until the
// sender chunk is there, the page's events are rewritten to one localStorage key once per tick
// (sessionStorage where localStorage is full), so neither a navigation in the same task as track()
// nor a crash loses them. When the sender starts it takes the queue over, once (handOver): it gets
// the records held here, moves them into the durable queue in IndexedDB, shared by all tabs, and
// every later record goes straight to it (sender/page-queue.ts).
import { UNSAVED_PREFIX } from '../shared/storage-names';
import type { EventQueue, QueueStorage } from '../shared/contract';
import type { QueuedEvent } from '../types';
import { writeStorage } from '../shared/web-storage';

export function createQueue(owner: string): EventQueue {
  const noteKey = UNSAVED_PREFIX + owner;
  let held: QueuedEvent[] = [];
  let noteDue = false;
  let storage: QueueStorage | undefined;

  function writeNote(): void {
    noteDue = false;
    if (storage) return; // the sender took the records over in this tick: the note is its own now
    const note = JSON.stringify(held);
    if (!writeStorage('localStorage', noteKey, note)) writeStorage('sessionStorage', noteKey, note);
  }

  return {
    noteKey,
    add(record) {
      if (storage) return storage.add(record);
      held.push(record);
      if (noteDue) return;
      noteDue = true;
      queueMicrotask(writeNote);
    },
    size: () => (storage ? storage.size() : held.length),
    clear() {
      held = [];
      storage?.clear(); // the page's note in web storage went with the tracker's other keys (consent.ts: forgetStored)
    },
    handOver(taker) {
      storage = taker;
      const records = held;
      held = [];
      return records;
    },
  };
}
