// A burst of events reaches IndexedDB in slices, each in a task of its own after the one that
// tracked it, so that neither the page's task nor any task of the sender clones a whole burst at
// once (put() clones each record synchronously); a few events are stored at the end of their tick.
// In Node over fake-indexeddb (harness/sender-world.ts).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { advance, closeWorld, createWorld, settle, startClock, until } from './harness/sender-world';

const BURST = 250;
const SLICE = 100; // the most records one write may put, as stored-queue.ts allows
const AT_TICK_END = 10; // the most records stored in the tick that tracked them, as stored-queue.ts allows

let putsByTransaction = new Map<IDBTransaction, number>();
/** Per delete transaction: its keys, and the task it was made in (a counter the timers below advance). */
let deletesByTransaction = new Map<IDBTransaction, { keys: number; task: number }>();
let task = 0;
let realPut: IDBObjectStore['put'];
let realDelete: IDBObjectStore['delete'];
beforeEach(() => {
  startClock();
  putsByTransaction = new Map();
  deletesByTransaction = new Map();
  realPut = IDBObjectStore.prototype.put;
  realDelete = IDBObjectStore.prototype.delete;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    putsByTransaction.set(this.transaction, (putsByTransaction.get(this.transaction) ?? 0) + 1);
    return realPut.apply(this, args);
  };
  IDBObjectStore.prototype.delete = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['delete']>) {
    const seen = deletesByTransaction.get(this.transaction) ?? { keys: 0, task };
    deletesByTransaction.set(this.transaction, { ...seen, keys: seen.keys + 1 });
    return realDelete.apply(this, args);
  };
});
afterEach(async () => {
  IDBObjectStore.prototype.put = realPut;
  IDBObjectStore.prototype.delete = realDelete;
  await closeWorld();
});

/** Lets the microtasks and fake-indexeddb's real macrotasks run, but no timer of the sender's. */
const endOfTask = () => new Promise((resume) => setImmediate(resume));

const puts = () => [...putsByTransaction.values()].reduce((sum, count) => sum + count, 0);

test('a burst of 250 events is stored 100 at a time, the rest in later tasks, and every one is delivered once', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang'; // they stay queued, so every one must be stored
  await settle();
  putsByTransaction.clear();
  for (let index = 0; index < BURST; index++) world.track();
  await endOfTask();
  assert.equal(puts(), 0, 'none in the task that tracked them');
  await advance(0);
  await until(() => puts() === BURST, 'all stored');
  assert.ok(Math.max(...putsByTransaction.values()) <= SLICE, `at most ${SLICE} records per transaction: ${[...putsByTransaction.values()]}`);
  world.transport.answer = () => 'ok';
  for (const sent of world.transport.hung()) sent.answer('ok');
  await world.flush();
  await until(() => new Set(world.transport.delivered).size === BURST, 'all delivered');
  assert.equal(world.transport.delivered.length, BURST, 'none twice');
});

test('a few events tracked in one tick are stored at its end, before any timer runs', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang';
  await settle();
  putsByTransaction.clear();
  for (let index = 0; index < AT_TICK_END; index++) world.track();
  await endOfTask();
  assert.equal(puts(), AT_TICK_END, 'all in the tick that tracked them');
  assert.equal(putsByTransaction.size, 1, 'in one transaction');
});

test('a burst hidden before any timer ran is all in the exit note, and none is sent twice', async () => {
  const world = await createWorld();
  await settle();
  putsByTransaction.clear();
  const tracked = Array.from({ length: BURST }, () => world.track());
  world.pageHide();
  assert.equal(puts(), 0, 'nothing stored yet');
  const notes = Array.from({ length: world.local.length }, (_, index) => world.local.getItem(world.local.key(index)!) ?? '');
  const noted = new Set(notes.flatMap((value) => (value.startsWith('[') ? (JSON.parse(value) as { key: string }[]).map((record) => record.key) : [])));
  assert.ok(tracked.every((record) => noted.has(record.key)), `the exit note holds the whole burst (${noted.size} of ${BURST})`);
  await settle();
  assert.equal(world.transport.delivered.length, new Set(world.transport.delivered).size, 'none twice');
});

test("a pass over a burst measures each batch's body as a worker takes it, not all of them before the first send", async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang';
  await settle();
  const realEncode = TextEncoder.prototype.encode;
  let encoded = 0;
  let encodedBeforeFirstSend: number | undefined;
  TextEncoder.prototype.encode = function (this: TextEncoder, ...args: Parameters<TextEncoder['encode']>) {
    encoded++;
    return realEncode.apply(this, args);
  };
  try {
    const sendBefore = world.transport.send.bind(world.transport);
    world.transport.send = (batch, handedOff) => {
      encodedBeforeFirstSend ??= encoded;
      return sendBefore(batch, handedOff);
    };
    for (let index = 0; index < BURST; index++) world.track();
    await until(() => world.transport.sent.length > 0, 'a first send');
  } finally {
    TextEncoder.prototype.encode = realEncode;
  }
  assert.ok(encodedBeforeFirstSend! <= 3, `bodies measured before the first send: ${encodedBeforeFirstSend} (of ${BURST / 10} batches)`);
});

test('the 250 delivered events leave IndexedDB 100 keys a transaction, each slice in a task of its own', async () => {
  const world = await createWorld();
  await settle();
  for (let index = 0; index < BURST; index++) world.track();
  await until(() => new Set(world.transport.delivered).size === BURST, 'all delivered');
  deletesByTransaction.clear();
  // Each fake timer the sender set runs in a task of its own here: number them as they run.
  for (let round = 0; round < 20 && [...deletesByTransaction.values()].reduce((sum, { keys }) => sum + keys, 0) < BURST; round++) {
    task++;
    await advance(250);
    await settle();
  }
  const slices = [...deletesByTransaction.values()];
  assert.equal(slices.reduce((sum, { keys }) => sum + keys, 0), BURST, 'every delivered key deleted');
  assert.ok(slices.every(({ keys }) => keys <= SLICE), `at most ${SLICE} keys per transaction: ${slices.map(({ keys }) => keys)}`);
  assert.equal(new Set(slices.map((slice) => slice.task)).size, slices.length, 'each transaction in a task of its own');
  assert.equal(world.transport.delivered.length, BURST, 'none twice');
});
