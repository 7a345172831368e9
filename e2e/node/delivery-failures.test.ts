// What the sender does with the service's answers, in Node (harness/sender-world.ts): an invalid
// event is isolated by halving and dropped alone; throttling keeps the events and retries after
// Retry-After or a backoff that grows up to a cap; refused credentials are refreshed and tried
// once more; an unknown trackingId stops sending but keeps the events.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { advance, closeWorld, createWorld, drive, sdkError, settle, startClock, until } from './harness/sender-world';

beforeEach(startClock);
afterEach(closeWorld);

test('an invalid event among ten is dropped alone and reported; the other nine are delivered', async () => {
  const world = await createWorld();
  // The service refuses any request carrying the poison event, as PutEvents refuses the whole request.
  world.transport.answer = (batch) => (batch.records.some((record) => record.event.eventType === 'Poison') ? sdkError('InvalidInputException', 400) : 'ok');
  for (let index = 0; index < 10; index++) world.track(index === 6 ? { eventType: 'Poison' } : {});
  assert.deepEqual(await world.flush(), { delivered: 9, rejected: 1, pending: 0 });
  assert.deepEqual([...world.transport.delivered].sort(), ['e1', 'e10', 'e2', 'e3', 'e4', 'e5', 'e6', 'e8', 'e9']);
  assert.deepEqual(world.codes(), ['event-rejected']);
  assert.equal(world.reports[0].event?.event.eventId, 'e7');
  // Halving: the refused request's halves are tried in turn, and only those holding the poison split again.
  const withPoison = world.transport.sent.filter((sent) => sent.eventIds.includes('e7')).map((sent) => sent.records.length);
  assert.deepEqual(withPoison, [10, 5, 3, 2, 1]);
  assert.equal(world.transport.sent.length, 9, 'the halves without the poison each went once');
  await world.flush();
  assert.equal(world.transport.delivered.length, 9, 'nothing is sent again');
});

test('throttling keeps the events, reports once per streak, and retries after Retry-After', async () => {
  const world = await createWorld();
  world.transport.answer = () => sdkError('ThrottlingException', 400, '5');
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent once');
  await settle();
  assert.deepEqual(world.codes(), ['delivery-failed']);
  assert.equal((await world.flush()).pending, 1, 'the event is kept');
  await advance(4_999);
  assert.equal(world.transport.sent.length, 1, 'no retry before Retry-After');
  await advance(1);
  assert.equal(world.transport.sent.length, 2, 'retried when Retry-After ended');
  assert.deepEqual(world.codes(), ['delivery-failed'], 'a second failure of the streak is not reported again');
  world.transport.answer = () => 'ok';
  await advance(5_000);
  assert.deepEqual(world.transport.delivered, ['e1']);
  assert.equal((await world.flush()).pending, 0);
  // A new streak after a success is reported again.
  world.transport.answer = () => sdkError('ServiceUnavailableException', 503);
  world.track();
  await until(() => world.codes().length === 2, 'the new streak reported');
  assert.deepEqual(world.codes(), ['delivery-failed', 'delivery-failed']);
});

test('refused credentials are refreshed and the request tried once more, then delivered', async () => {
  const world = await createWorld();
  const expired = sdkError('ExpiredTokenException', 403);
  world.transport.answer = (_batch, attempt) => (attempt === 0 ? expired : 'ok');
  world.track();
  await until(() => world.transport.delivered.length === 1, 'delivered');
  assert.deepEqual(world.transport.refreshed, [expired], 'refreshCredentials got the failed send\'s error');
  assert.equal(world.transport.sent.length, 2);
  assert.deepEqual(world.reports, []);
});

test('an unknown trackingId is reported once, stops sending and keeps the events', async () => {
  const world = await createWorld();
  world.transport.answer = () => sdkError('ResourceNotFoundException', 404);
  world.track();
  await until(() => world.codes().length === 1, 'reported');
  assert.deepEqual(world.codes(), ['unknown-tracking-id']);
  world.track();
  world.track();
  assert.deepEqual(await world.flush(), { delivered: 0, rejected: 0, pending: 3 });
  await drive(world.delivery.flush('online'));
  await advance(120_000);
  assert.equal(world.transport.sent.length, 1, 'nothing is sent after the first refusal');
  assert.deepEqual(world.codes(), ['unknown-tracking-id']);
});

test('each failed retry waits longer, up to a minute', async () => {
  mock.method(Math, 'random', () => 1); // the top of each jitter window: the waits are exact
  const world = await createWorld();
  world.transport.answer = () => sdkError('ServiceUnavailableException', 503);
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent once');
  for (const wait of [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]) {
    const sends = world.transport.sent.length;
    await advance(wait - 1);
    assert.equal(world.transport.sent.length, sends, `no retry within ${wait - 1} ms`);
    await advance(1);
    assert.equal(world.transport.sent.length, sends + 1, `a retry after ${wait} ms`);
  }
  assert.deepEqual(world.codes(), ['delivery-failed'], 'one report for the whole streak');
});

test('events tracked during a backoff wait for the retry timer, or for the browser coming back online', async () => {
  mock.method(Math, 'random', () => 1);
  const world = await createWorld();
  world.transport.answer = () => sdkError('ServiceUnavailableException', 503);
  world.track();
  await until(() => world.transport.sent.length === 1, 'sent once');
  world.transport.answer = () => 'ok';
  await advance(100);
  world.track();
  await settle();
  assert.equal(world.transport.sent.length, 1, 'the event tracked during the backoff waits');
  assert.equal((await world.flush()).delivered, 0, 'a flush() during the backoff waits too');
  await advance(899);
  assert.equal(world.transport.sent.length, 1);
  await advance(1);
  assert.deepEqual(world.transport.sent.map((sent) => sent.eventIds), [['e1'], ['e1', 'e2']], 'the retry took both');

  world.transport.answer = () => sdkError('NetworkError'); // no status: a network error
  world.track();
  await until(() => world.transport.sent.length === 3, 'sent');
  world.transport.answer = () => 'ok';
  world.track();
  await settle();
  assert.equal(world.transport.sent.length, 3, 'waits for the backoff');
  // The loader hears `online` and asks for a pass (tracker.ts); it does not wait for the backoff.
  const result = await drive(world.delivery.flush('online'));
  assert.deepEqual(result, { delivered: 2, rejected: 0, pending: 0 });
  assert.deepEqual(world.transport.sent[3].eventIds, ['e3', 'e4']);
});
