// The visitor's choice in the sender, in Node (harness/sender-world.ts): an opt-out in localStorage,
// or one this chunk knows of while localStorage is full (sender/consent.ts keeps it in IndexedDB
// too), lets nothing leave and tells the loader once; opting back in sends what is tracked after.
// consent.ts keeps the latest choice in module state: each test leaves it as 'in' or untouched.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { chose } from '../../src/sender/consent';
import { CONSENT_STORAGE_KEY } from '../../src/shared/storage-names';
import { advance, closeWorld, createWorld, MemoryStorage, sdkError, settle, startClock, until } from './harness/sender-world';

beforeEach(startClock);
afterEach(closeWorld);

test('a visitor opted out in localStorage: nothing leaves, and the loader is told once', async () => {
  const local = new MemoryStorage();
  local.setItem(CONSENT_STORAGE_KEY, 'out'); // e.g. by another tab, after this page's loader queued events
  const world = await createWorld({ local, before: 3 });
  assert.equal(world.optOuts, 1);
  assert.equal(world.queue.size(), 0, 'the loader forgot the queue');
  world.track();
  await world.flush();
  await world.delivery.flush('online');
  await advance(60_000);
  assert.deepEqual(world.transport.sent, []);
  assert.equal(world.optOuts, 1, 'told once, not at every pass');
});

test('an opt-out localStorage refused (full) still stops sending; opting back in sends what is tracked after', async () => {
  mock.method(Math, 'random', () => 1);
  const local = new MemoryStorage();
  local.full = true;
  const world = await createWorld({ local });
  world.transport.answer = () => sdkError('ServiceUnavailableException', 503);
  world.track(); // waits for its retry in a second
  await until(() => world.transport.sent.length === 1, 'sent');
  await settle();
  // The loader's optOut() could not store the choice; the sender chunk keeps it (IndexedDB copy).
  await chose('out');
  assert.equal(local.getItem(CONSENT_STORAGE_KEY), null);
  world.transport.answer = () => 'ok';
  await advance(1_000); // the retry
  assert.equal(world.transport.sent.length, 1, 'the waiting event did not leave');
  assert.equal(world.optOuts, 1, 'the loader was told');
  await world.flush();
  assert.equal(world.optOuts, 1, 'once');

  await chose('in'); // optIn(): localStorage still full
  world.optedOut = false; // the loader tracks again
  world.track();
  await until(() => world.transport.delivered.length === 1, 'delivered');
  assert.deepEqual(world.transport.delivered, ['e2'], 'only what was tracked after opting in');
});
