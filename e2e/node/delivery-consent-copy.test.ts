// An opt-out kept only in IndexedDB (localStorage was full when the visitor opted out, on an earlier
// page), read by a new page's sender, in Node (harness/sender-world.ts). A file of its own: the
// sender's consent.ts reads the copy once per page and keeps it in module state.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { set } from 'idb-keyval';
import { createClosingStore } from '../../src/sender/closing-store';
import { CONSENT_COPY_DATABASE } from '../../src/sender/consent';
import { advance, closeWorld, createWorld, MemoryStorage, startClock } from './harness/sender-world';

beforeEach(startClock);
afterEach(closeWorld);

test('a new page finds an opt-out only IndexedDB kept: nothing leaves, and the loader is told once', async () => {
  // What sender/consent.ts chose('out') wrote on the earlier page (a store that closes, so the databases can be deleted after).
  await set('choice', 'out', createClosingStore(CONSENT_COPY_DATABASE, 'choice'));
  const local = new MemoryStorage();
  local.full = true; // so the loader holds no choice
  const world = await createWorld({ local, before: 2 });
  world.track();
  await world.flush();
  await advance(60_000);
  assert.deepEqual(world.transport.sent, []);
  assert.equal(world.optOuts, 1);
});
