// The exit notes in Node, over in-memory web storage: what a leaving page notes as sent, and how
// the next page takes the notes of gone pages, in localStorage, in sessionStorage (localStorage
// full), and when IndexedDB fails.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { UNSAVED_PREFIX } from '../../src/shared/storage-names';
import { LEFT_PREFIX } from '../../src/shared/storage-names';
import { createLeftNote, takeExitNotes } from '../../src/sender/exit-notes';
import { createNoteWriter } from '../../src/sender/note-writer';
import type { StoredQueue } from '../../src/sender/stored-queue';
import type { QueuedEvent, TrackerError } from '../../src/types';
import { MemoryStorage } from './harness/memory-storage';

let local: MemoryStorage;
let session: MemoryStorage;
let reports: TrackerError[];

beforeEach(() => {
  local = new MemoryStorage();
  session = new MemoryStorage();
  reports = [];
  (globalThis as any).window = { localStorage: local, sessionStorage: session };
});

const record = (key: string, owner = 'gone'): QueuedEvent => ({
  key,
  owner,
  trackingId: 't',
  sessionId: 's',
  event: { eventType: 'View', eventId: key, sentAt: 1 },
});

/** A StoredQueue whose IndexedDB writes succeed (`saved`) or fail (`run` resolves undefined, as in memory-only mode). */
function fakeStored(indexedDbWorks: boolean) {
  const saved: string[] = [];
  const removed: string[] = [];
  const adopted: string[] = [];
  const stored = {
    run: async (operation: (store: any) => Promise<unknown>) => {
      if (!indexedDbWorks) return undefined;
      // A transaction that completes in a later task, as IndexedDB's do.
      const transaction = {
        set oncomplete(done: () => void) {
          setTimeout(done);
        },
      };
      const store = (_mode: string, callback: (objectStore: any) => unknown) =>
        Promise.resolve(callback({ put: (value: QueuedEvent) => saved.push(value.key), transaction }));
      return operation(store);
    },
    remove: (keys: string[]) => removed.push(...keys),
    adopt: (records: QueuedEvent[]) => adopted.push(...records.map((item) => item.key)),
  } as unknown as StoredQueue;
  return { stored, saved, removed, adopted };
}

test('a leaving page notes only the events whose request reached fetch, and those handed off after it began leaving', () => {
  const note = createLeftNote('me', createNoteWriter((error) => reports.push(error)));
  note.handedOff(['a']);
  note.leave(['deleted']);
  assert.deepEqual(JSON.parse(local.getItem(`${LEFT_PREFIX}me`)!), ['a', 'deleted']);
  note.handedOff(['b']); // a send started in pagehide reached fetch a few microtasks later
  assert.deepEqual(JSON.parse(local.getItem(`${LEFT_PREFIX}me`)!), ['a', 'deleted', 'b']);
});

test('a send that never reached fetch (its document was removed) is not noted: the next page sends it', () => {
  const note = createLeftNote('me', createNoteWriter((error) => reports.push(error)));
  note.leave([]);
  assert.equal(local.getItem(`${LEFT_PREFIX}me`), null);
});

test('a failed request is forgotten from the note; a delivered one stays noted', () => {
  const note = createLeftNote('me', createNoteWriter((error) => reports.push(error)));
  note.handedOff(['a', 'b']);
  note.leave([]);
  note.settled(['a'], true);
  note.settled(['b'], false);
  assert.deepEqual(JSON.parse(local.getItem(`${LEFT_PREFIX}me`)!), ['a']);
});

test('a page that stays notes nothing more until it leaves again', () => {
  const note = createLeftNote('me', createNoteWriter((error) => reports.push(error)));
  note.leave([]);
  note.stay();
  note.handedOff(['a']);
  assert.equal(local.getItem(`${LEFT_PREFIX}me`), null);
});

test('with localStorage full the note goes to sessionStorage, reported once', () => {
  local.full = true;
  const note = createLeftNote('me', createNoteWriter((error) => reports.push(error)));
  note.handedOff(['a']);
  note.leave([]);
  note.handedOff(['b']);
  assert.deepEqual(JSON.parse(session.getItem(`${LEFT_PREFIX}me`)!), ['a', 'b']);
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.code, 'storage-unavailable');
  assert.match(reports[0]!.message, /localStorage is full/);
});

test('the notes of a gone page: unsaved events move into IndexedDB, those that left are deleted, the notes go', async () => {
  local.setItem(`${UNSAVED_PREFIX}gone`, JSON.stringify([record('x'), record('y')]));
  local.setItem(`${LEFT_PREFIX}gone`, JSON.stringify(['y', 'z']));
  local.setItem(`${UNSAVED_PREFIX}alive`, JSON.stringify([record('w', 'alive')]));
  const { stored, saved, removed } = fakeStored(true);
  await takeExitNotes(new Set(['alive']), 'me', stored, createNoteWriter((error) => reports.push(error)));
  assert.deepEqual(saved, ['x']);
  assert.deepEqual(removed.sort(), ['y', 'z']);
  assert.equal(local.getItem(`${UNSAVED_PREFIX}gone`), null);
  assert.equal(local.getItem(`${LEFT_PREFIX}gone`), null);
  assert.notEqual(local.getItem(`${UNSAVED_PREFIX}alive`), null, 'a live page keeps its note');
  assert.deepEqual(reports, []);
});

test('notes the last page of this tab kept in sessionStorage are taken too, and the full localStorage is reported', async () => {
  session.setItem(`${UNSAVED_PREFIX}gone`, JSON.stringify([record('x')]));
  const { stored, saved } = fakeStored(true);
  await takeExitNotes(new Set(), 'me', stored, createNoteWriter((error) => reports.push(error)));
  assert.deepEqual(saved, ['x']);
  assert.equal(session.getItem(`${UNSAVED_PREFIX}gone`), null);
  assert.equal(reports.length, 1);
});

test('where IndexedDB fails, the events of a gone page are adopted into this page before its note goes', async () => {
  local.setItem(`${UNSAVED_PREFIX}gone`, JSON.stringify([record('x'), record('y')]));
  const { stored, adopted } = fakeStored(false);
  await takeExitNotes(new Set(), 'me', stored, createNoteWriter((error) => reports.push(error)));
  assert.deepEqual(adopted, ['x', 'y']);
  assert.equal(local.getItem(`${UNSAVED_PREFIX}gone`), null);
});
