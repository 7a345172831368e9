// The sender's half of the queue: reading every stored record and deleting settled ones. It lives
// in the sender chunk so the loader carries only the write path.
import { delMany, values } from 'idb-keyval';
import { byKey, type EventQueue } from './queue';
import type { QueuedEvent } from './types';

/** Every stored record of every page, oldest first; the mirror forgets own records no longer stored. */
export async function readAll(queue: EventQueue): Promise<QueuedEvent[]> {
  const mirrored = queue.pending().map((record) => record.key); // all written before the read below
  const stored = await queue.run((store) => values<QueuedEvent>(store));
  if (!stored) return queue.pending();
  const storedKeys = new Set(stored.map((record) => record.key));
  queue.forget(mirrored.filter((key) => !storedKeys.has(key)));
  return stored.sort(byKey);
}

/** Deletes delivered or dropped records. */
export async function removeRecords(queue: EventQueue, keys: string[]): Promise<void> {
  queue.forget(keys);
  await queue.run((store) => delMany(keys, store));
}
