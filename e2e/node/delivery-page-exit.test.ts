// The sender on the way out of a page, in Node (harness/sender-world.ts): hidden or left, the page
// sends its own events at once from memory, notes for the next page what it handed to fetch
// (personalize-tracker:left:<owner>) and what IndexedDB did not hold yet (…:unsaved:<owner>), and
// back from the back/forward cache sends nothing twice. The next page takes the notes (with Web Locks).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { LEFT_PREFIX, UNSAVED_PREFIX } from '../../src/shared/storage-names';
import { advance, closeWorld, createWorld, drive, sdkError, settle, startClock, until } from './harness/sender-world';

beforeEach(startClock);
afterEach(closeWorld);

test('a page left right after track() sends its events at once, from memory, and notes them as handed off', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang'; // a page that is gone never sees the answer
  const first = world.track();
  const second = world.track();
  world.pageHide(); // in the same task as track(): no pass has run, IndexedDB has not stored them
  assert.deepEqual(world.transport.sent.map((sent) => sent.eventIds), [['e1', 'e2']], 'sent during pagehide itself');
  assert.deepEqual(JSON.parse(world.local.getItem(LEFT_PREFIX + world.owner)!), [first.key, second.key]);
  const unsaved = JSON.parse(world.local.getItem(UNSAVED_PREFIX + world.owner)!);
  assert.deepEqual(unsaved.map((record: { key: string }) => record.key), [first.key, second.key]);

  // Back from the back/forward cache: the pass it starts, and the one track() asked for, skip what is out.
  world.pageShow();
  await settle();
  assert.equal(world.transport.sent.length, 1);
  world.transport.answer = () => 'ok';
  world.transport.sent[0].answer('ok');
  await drive(world.delivery.flush('pageshow'));
  await advance(1_000);
  await world.flush();
  assert.deepEqual(world.transport.sentIds(), ['e1', 'e2'], 'nothing sent twice');
  assert.equal((await world.flush()).pending, 0);
});

test('a hidden tab sends its events at once, and a failed answer lets the next pass send them again', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang';
  world.track();
  world.hide();
  assert.equal(world.transport.sent.length, 1, 'sent during visibilitychange itself');
  assert.deepEqual(JSON.parse(world.local.getItem(LEFT_PREFIX + world.owner)!), [world.transport.sent[0].records[0].key]);
  world.show();
  world.transport.answer = () => 'ok';
  world.transport.sent[0].answer(sdkError('NetworkError')); // it never reached the service after all
  await settle();
  assert.equal(world.local.getItem(LEFT_PREFIX + world.owner), null, 'the note no longer claims it left');
  await advance(60_000); // the backoff of the failure
  assert.deepEqual(world.transport.delivered, ['e1']);
});

test('during a backoff a hidden page sends nothing: a tab switched back and forth is no retry loop', async () => {
  mock.method(Math, 'random', () => 1);
  const world = await createWorld();
  world.transport.answer = () => sdkError('ThrottlingException', 400);
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent');
  await settle();
  world.transport.answer = () => 'ok';
  world.hide();
  world.show();
  world.hide();
  assert.equal(world.transport.sent.length, 1);
  await advance(1_000);
  assert.deepEqual(world.transport.delivered, ['e1'], 'the retry timer still sends it');
});

test('the next page takes the exit notes: events noted as left are not sent again, unsaved ones are', async () => {
  // Web Locks tell the next page that the first page is gone (its owner lock was let go at pagehide).
  const first = await createWorld({ locks: true });
  first.transport.answer = (batch) => (batch.records.some((record) => record.event.eventId === 'e1') ? 'hang' : 'ok');
  const left = first.track();
  first.pageHide(false); // closed with the request out: it may have reached the service
  await settle();
  // What a page whose last IndexedDB write never committed leaves: its unsaved note (here IndexedDB
  // did commit e1, so the sender removed its own note; it is written again with one more record).
  const unsavedRecord = { ...left, key: left.key.replace(/-[^-]+-/, '-zzzzzz-'), event: { ...left.event, eventId: 'unsaved-1' } };
  first.local.setItem(UNSAVED_PREFIX + first.owner, JSON.stringify([left, unsavedRecord]));

  const next = await createWorld({ locks: true, local: first.local, session: first.session });
  // A gone page's events wait ORPHAN_GRACE_MS (1 s) in case its lock request was not granted yet; the sender sweeps then by itself.
  await advance(1_001);
  assert.deepEqual(next.transport.sentIds(), ['unsaved-1'], 'only the event that never left');
  assert.equal(first.local.getItem(LEFT_PREFIX + first.owner), null, 'the notes are taken');
  assert.equal(first.local.getItem(UNSAVED_PREFIX + first.owner), null);
});

// leftNote.settled() keeps a delivered event noted (its IndexedDB delete may not have committed
// when the page goes); once the delete did commit, the note lets it go. Without that, every hide
// with a request out added keys for good, and the note grew for the life of the tab.
test('a tab hidden and shown again while requests are out does not keep their keys in its left note', async () => {
  const world = await createWorld();
  for (let index = 0; index < 5; index++) {
    world.transport.answer = () => 'hang';
    world.track();
    await until(() => world.transport.hung().length === 1, 'a request is out');
    world.hide();
    world.show();
    world.transport.hung()[0].answer('ok');
    await advance(1_000); // the delivered event's IndexedDB delete commits (gathered for 200 ms)
  }
  const noted = JSON.parse(world.local.getItem(LEFT_PREFIX + world.owner) ?? '[]');
  assert.ok(noted.length <= 1, `the left note holds ${noted.length} keys of events delivered and deleted long ago`);
});
