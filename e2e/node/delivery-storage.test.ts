// The sender where IndexedDB is unusable (private mode, a lost connection, a quota), in Node
// (harness/sender-world.ts): one report naming the cause, the events delivered from memory, and the
// page's unsaved note in localStorage kept current, so a page change or a crash loses nothing.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { UNSAVED_PREFIX } from '../../src/shared/storage-names';
import { advance, closeWorld, createWorld, settle, startClock, until } from './harness/sender-world';

let realIndexedDB: IDBFactory;
beforeEach(() => {
  startClock();
  realIndexedDB = globalThis.indexedDB;
});
afterEach(async () => {
  globalThis.indexedDB = realIndexedDB;
  await closeWorld();
});

/** An IndexedDB whose open() throws, as Firefox's does in some private modes. */
const refusingIndexedDB = {
  open() {
    throw new DOMException('IndexedDB is disabled in this context', 'InvalidStateError');
  },
} as unknown as IDBFactory;

const noted = (world: { local: { getItem(key: string): string | null }; owner: string }) =>
  (JSON.parse(world.local.getItem(UNSAVED_PREFIX + world.owner) ?? '[]') as { event: { eventId: string } }[]).map((record) => record.event.eventId);

test('with IndexedDB unusable, one report names the cause, events are delivered from memory, and the unsaved note stays current', async () => {
  globalThis.indexedDB = refusingIndexedDB;
  const world = await createWorld();
  assert.deepEqual(world.codes(), ['storage-unavailable']);
  assert.match(world.reports[0].message, /IndexedDB is disabled in this context/);
  world.transport.answer = () => 'hang';
  world.track();
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent');
  await settle();
  assert.deepEqual(noted(world), ['e1', 'e2'], 'the note is the only copy while they are out');
  world.transport.answer = () => 'ok';
  world.transport.sent[0].answer('ok');
  await settle();
  assert.deepEqual(noted(world), [], 'delivered events leave the note at once');
  world.track();
  await until(() => world.transport.delivered.length === 3, 'delivered');
  await advance(1_000);
  assert.deepEqual(world.transport.delivered, ['e1', 'e2', 'e3']);
  assert.deepEqual(world.codes(), ['storage-unavailable'], 'reported once');
});

test('with IndexedDB unusable, events waiting for a retry are in the unsaved note at page hide', async () => {
  globalThis.indexedDB = refusingIndexedDB;
  const world = await createWorld();
  world.transport.answer = () => new Error('Failed to fetch'); // a network error: no status
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent');
  await settle();
  world.track();
  world.pageHide();
  assert.deepEqual(noted(world), ['e1', 'e2']);
});

test('with IndexedDB working, the unsaved note is removed once IndexedDB holds the events', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang';
  world.track();
  world.pageHide();
  assert.deepEqual(noted(world), ['e1'], 'written at pagehide, before IndexedDB committed');
  await settle();
  assert.equal(world.local.getItem(UNSAVED_PREFIX + world.owner), null);
  assert.deepEqual(world.codes(), []);
});
