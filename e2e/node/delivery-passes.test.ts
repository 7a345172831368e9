// The sender's passes over the page's queue, in Node (harness/sender-world.ts): real time (what is
// tracked in one tick leaves together, what is tracked while a request is out leaves in the next
// pass), flush()'s answer, and parallel requests of at most ten events, at most four at a time.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { closeWorld, createWorld, sdkError, settle, startClock, until } from './harness/sender-world';

beforeEach(startClock);
afterEach(closeWorld);

test('events tracked in one tick leave together in one request, at once', async () => {
  const world = await createWorld();
  world.track();
  world.track();
  world.track();
  await until(() => world.transport.delivered.length === 3, 'the three events were delivered');
  assert.deepEqual(world.transport.sent.map((sent) => sent.eventIds), [['e1', 'e2', 'e3']]);
});

test('events tracked while a request is out leave together in the next request', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang';
  world.track();
  await until(() => world.transport.sent.length === 1, 'the first event was sent');
  // Each in a tick of its own: each asks for a pass, and they share the one waiting behind the running pass.
  for (let index = 0; index < 3; index++) {
    world.track();
    await settle(5);
  }
  await settle();
  assert.equal(world.transport.sent.length, 1, 'nothing else leaves while the first request is out');
  world.transport.answer = () => 'ok';
  world.transport.sent[0].answer('ok');
  await until(() => world.transport.delivered.length === 4, 'all four delivered');
  assert.deepEqual(world.transport.sent.map((sent) => sent.eventIds), [['e1'], ['e2', 'e3', 'e4']]);
});

test('flush() resolves with how many events were delivered, refused and are still waiting', async () => {
  const world = await createWorld();
  world.transport.answer = (batch) => (batch.records.some((record) => record.event.eventId === 'e2') ? sdkError('InvalidInputException', 400) : 'ok');
  world.track();
  world.track();
  world.track();
  assert.deepEqual(await world.flush(), { delivered: 2, rejected: 1, pending: 0 });
  world.transport.answer = () => sdkError('ServiceUnavailableException', 503);
  world.track();
  assert.deepEqual(await world.flush(), { delivered: 0, rejected: 0, pending: 1 });
});

test('more than ten events leave as requests of at most ten, one session and user each, at most four at a time', async () => {
  const world = await createWorld();
  world.transport.answer = () => 'hang';
  for (let index = 0; index < 45; index++) world.track();
  for (let index = 0; index < 3; index++) world.track({}, { sessionId: 'session-2', userId: 'user-2' });
  await until(() => world.transport.sent.length === 4, 'four requests are out');
  await settle();
  assert.equal(world.transport.sent.length, 4, 'a fifth request waits for one of the four to be answered');
  world.transport.answer = () => 'ok';
  world.transport.sent[0].answer('ok');
  await until(() => world.transport.sent.length >= 5, 'a fifth request went out');
  for (const sent of world.transport.hung()) sent.answer('ok');
  await until(() => world.transport.delivered.length === 48, 'all 48 delivered');
  assert.equal(world.transport.maxInFlight, 4);
  assert.equal(new Set(world.transport.delivered).size, 48, 'no event was sent twice');
  for (const sent of world.transport.sent) {
    assert.ok(sent.records.length <= 10, `a request of ${sent.records.length} events`);
    assert.equal(new Set(sent.records.map((record) => `${record.sessionId}/${record.userId}`)).size, 1, 'one session and user per request');
  }
  assert.deepEqual(world.transport.sent.map((sent) => sent.records.length).sort((a, b) => a - b), [3, 5, 10, 10, 10, 10]);
});
