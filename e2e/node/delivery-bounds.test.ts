// The queue's bounds in the sender, in Node (harness/sender-world.ts): beyond maxQueueLength the
// oldest waiting events are dropped as soon as one is added (never one in flight), and events
// older than maxEventAgeMs are dropped at the next pass; each streak is reported once.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { advance, closeWorld, createWorld, drive, sdkError, settle, startClock, until } from './harness/sender-world';

beforeEach(startClock);
afterEach(closeWorld);

test('beyond maxQueueLength the oldest waiting events are dropped and reported, never one in flight', async () => {
  const world = await createWorld({ config: { maxQueueLength: 5 } });
  world.transport.answer = () => 'hang';
  world.track();
  await until(() => world.transport.sent.length === 1, 'e1 is out');
  for (let index = 0; index < 6; index++) world.track(); // e2..e7: seven queued, two too many
  assert.equal(world.queue.size(), 5, 'the bound holds at once, not at the next pass');
  await advance(1_000); // a streak is reported once nothing more was dropped for a second
  assert.deepEqual(world.codes(), ['queue-full']);
  const [report] = world.reports;
  assert.equal(report.dropped?.count, 2);
  assert.equal(report.dropped?.oldest.event.eventId, 'e2', 'the oldest not in flight');
  assert.equal(report.dropped?.newest.event.eventId, 'e3');
  world.transport.answer = () => 'ok';
  world.transport.sent[0].answer('ok');
  await until(() => world.transport.delivered.length === 5, 'delivered');
  assert.deepEqual(world.transport.delivered, ['e1', 'e4', 'e5', 'e6', 'e7']);
});

test('beyond maxQueueLength with the service failing, the queue keeps the newest events', async () => {
  const world = await createWorld({ config: { maxQueueLength: 3 } });
  world.transport.answer = () => sdkError('ServiceUnavailableException', 503);
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent');
  await settle();
  for (let index = 0; index < 4; index++) world.track();
  world.transport.answer = () => 'ok';
  await advance(60_000);
  assert.deepEqual(world.transport.delivered, ['e3', 'e4', 'e5']);
  assert.deepEqual(world.codes(), ['delivery-failed', 'queue-full']);
  assert.equal(world.reports[1].dropped?.count, 2);
});

test('events older than maxEventAgeMs are dropped and reported, younger ones delivered', async () => {
  const world = await createWorld({ config: { maxEventAgeMs: 30_000 } });
  world.transport.answer = () => sdkError('ThrottlingException', 400, '60'); // the retry waits a minute
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent');
  await advance(50_000);
  world.track(); // 10 s old when the retry comes
  world.transport.answer = () => 'ok';
  await advance(10_000);
  assert.deepEqual(world.transport.delivered, ['e2']);
  await advance(1_000);
  assert.deepEqual(world.codes(), ['delivery-failed', 'event-expired']);
  assert.equal(world.reports[1].event?.event.eventId, 'e1');
  assert.equal(world.reports[1].dropped?.count, 1);
  assert.deepEqual(await drive(world.delivery.flush()), { delivered: 0, rejected: 0, pending: 0 });
});
