// A burst of events reaches IndexedDB in slices, each in a task of its own, so that no task of the
// sender clones a whole burst at once (put() clones each record synchronously); in Node over
// fake-indexeddb (harness/sender-world.ts).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { advance, closeWorld, createWorld, settle, startClock, until } from './harness/sender-world';

const BURST = 250;
const SLICE = 100; // the most records one write may put, as stored-queue.ts allows

let putsByTransaction = new Map<IDBTransaction, number>();
let realPut: IDBObjectStore['put'];
beforeEach(() => {
  startClock();
  putsByTransaction = new Map();
  realPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    putsByTransaction.set(this.transaction, (putsByTransaction.get(this.transaction) ?? 0) + 1);
    return realPut.apply(this, args);
  };
});
afterEach(async () => {
  IDBObjectStore.prototype.put = realPut;
  await closeWorld();
});

const puts = () => [...putsByTransaction.values()].reduce((sum, count) => sum + count, 0);

test('a burst of 250 events is stored 100 at a time, the rest in later tasks, and every one is delivered once', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang'; // they stay queued, so every one must be stored
  await settle();
  putsByTransaction.clear();
  for (let index = 0; index < BURST; index++) world.track();
  await settle();
  assert.equal(puts(), SLICE, 'only the first slice before a task passes');
  await advance(0);
  await until(() => puts() === BURST, 'all stored');
  assert.ok(Math.max(...putsByTransaction.values()) <= SLICE, `at most ${SLICE} records per transaction: ${[...putsByTransaction.values()]}`);
  world.transport.answer = () => 'ok';
  for (const sent of world.transport.hung()) sent.answer('ok');
  await world.flush();
  await until(() => new Set(world.transport.delivered).size === BURST, 'all delivered');
  assert.equal(world.transport.delivered.length, BURST, 'none twice');
});
