// Relay mode's browser side against the real relay and the emulator, in Node: the real delivery
// (createDeliveryWith) over the real createRelayTransport, whose fetch() reaches the real relay
// handler in this process (as a browser on https://shop.test would post: with its Origin), and the
// relay calls PutEvents on the real emulator over loopback. The page's timers and Date are fake
// (harness/sender-world.ts), the network is real: waits for an answer poll with a wall-clock
// deadline (process.hrtime, which the fake timers leave alone), never a fixed sleep.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, mock, test } from 'node:test';
import { DEMO_REGION, DEMO_TRACKING_ID, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../src/emulator/index';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { createRelay } from '../../src/relay/index';
import type { RelayOptions } from '../../src/relay/index';
import { createRelayTransport } from '../../src/sender/relay-transport';
import type { FlushResult } from '../../src/types';
import { advance, closeWorld, createWorld, settle, startClock, type World } from './harness/sender-world';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SHOP = 'https://shop.test';
const RELAY_URL = `${SHOP}/api/events`;

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ port: 0 });
});
after(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  startClock();
});
afterEach(closeWorld);

/** What the relay's fetch stub saw: one entry per POST the page made, with the relay's status. */
interface Post {
  eventIds: string[];
  status?: number;
  code?: string;
  retryAfter?: string | null;
}

/** The real relay on RELAY_URL, reached through a stubbed fetch; other URLs go to the real fetch. */
function routeToRelay(options: Partial<RelayOptions> = {}): Post[] {
  const relay = createRelay({
    trackingId: DEMO_TRACKING_ID,
    region: DEMO_REGION,
    endpoint: emulator.url,
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
    onError: () => undefined,
    ...options,
  });
  const posts: Post[] = [];
  const realFetch = globalThis.fetch;
  mock.method(globalThis, 'fetch', async (input: string | URL | Request, init?: RequestInit) => {
    if (String(input) !== RELAY_URL) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('origin', SHOP); // a browser adds it to every POST; Node's fetch has no page origin
    const post: Post = { eventIds: JSON.parse(String(init?.body)).eventList.map((event: { eventId: string }) => event.eventId) };
    posts.push(post);
    const response = await relay(new Request(RELAY_URL, { ...init, headers }));
    post.status = response.status;
    post.retryAfter = response.headers.get('retry-after');
    if (!response.ok) post.code = (await response.clone().json()).code;
    return response;
  });
  return posts;
}

/** A relay-mode page whose sender posts through the real relay transport. */
const relayWorld = (): Promise<World> => createWorld({ config: { relayUrl: RELAY_URL }, createTransport: createRelayTransport });

/** Waits, running the page's due timers and IndexedDB, until `condition` holds; fails naming `what` after `ms` of real time. */
async function eventually(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  while (!condition()) {
    if (process.hrtime.bigint() > deadline) throw new Error(`never happened within ${ms} ms: ${what}`);
    mock.timers.tick(0);
    await new Promise((resume) => setImmediate(resume));
  }
}

/** flush() over the real network: its answer, once every request of the pass was answered. */
async function flush(world: World): Promise<FlushResult> {
  let result: FlushResult | undefined;
  void world.delivery.flush().then((answer) => (result = answer));
  await eventually(() => result !== undefined, 'flush() to resolve');
  return result!;
}

const deliveredIds = () => emulator.events().map((event) => event.eventId ?? '(no eventId)');
const sorted = (ids: string[]) => [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `e${from + index}`);

test('25 events arrive once each, in one post that the relay sends on as PutEvents of at most 10, with the page\'s session and the user the relay binds', async () => {
  const posts = routeToRelay({ userId: () => 'shopper-1' });
  const world = await relayWorld();
  for (let index = 0; index < 25; index++) world.track({ itemId: `item-${index}` }, { sessionId: 'session-A', userId: 'page-sent-user' });
  await eventually(() => deliveredIds().length === 25, '25 events at the emulator');
  assert.deepEqual(await flush(world), { delivered: 0, rejected: 0, pending: 0 });
  await advance(60_000);
  assert.deepEqual(sorted(deliveredIds()), ids(1, 25), 'each event arrived once');
  const requests = emulator.requests();
  assert.ok(requests.length >= 3, `${requests.length} requests`);
  assert.ok(requests.every((request) => request.status === 200 && request.eventCount >= 1 && request.eventCount <= 10), JSON.stringify(requests.map((request) => [request.status, request.eventCount])));
  assert.deepEqual(posts.map((post) => [post.status, post.eventIds.length]), [[200, 25]], 'one fetch() for the 25, tracked in one tick');
  for (const event of emulator.events()) {
    assert.equal(event.trackingId, DEMO_TRACKING_ID, 'the relay\'s trackingId');
    assert.equal(event.sessionId, 'session-A');
    assert.equal(event.userId, 'shopper-1', 'the relay\'s userId() replaces the page\'s');
  }
  assert.deepEqual(world.reports, []);
});

test('an event the relay refuses is reported with its reason and dropped; the others arrive; nothing is sent again', async () => {
  const posts = routeToRelay();
  const world = await relayWorld();
  world.track();
  // The test queues the record as it likes: the loader's validator would have refused this, the relay does.
  world.track({ eventValue: 'not a number' as unknown as number });
  world.track();
  await eventually(() => world.reports.length === 1 && deliveredIds().length === 2, 'the refusal reported and the others delivered');
  assert.deepEqual(sorted(deliveredIds()), ['e1', 'e3']);
  assert.deepEqual(world.codes(), ['event-rejected']);
  assert.equal(world.reports[0].event?.event.eventId, 'e2');
  assert.match(world.reports[0].message, /relay refused a "View" event: .*eventValue must be a finite number/);
  assert.deepEqual(await flush(world), { delivered: 0, rejected: 0, pending: 0 });
  const sends = posts.length;
  await advance(120_000);
  await flush(world);
  assert.equal(posts.length, sends, 'nothing is posted again');
  assert.equal(emulator.requests().length, 1, 'one PutEvents, for the two valid events');
  assert.deepEqual(world.codes(), ['event-rejected']);
});

test('one PutEvents of a post throttled: the events the others took are done, only the rest is retried after Retry-After, none arrives twice', async () => {
  const posts = routeToRelay();
  emulator.faults({ fail: { count: 1, error: 'ThrottlingException', retryAfterSeconds: 2 } });
  const world = await relayWorld();
  for (let index = 0; index < 30; index++) world.track();
  await eventually(() => posts[0]?.status !== undefined && world.reports.length === 1, 'the post answered and reported');
  assert.deepEqual([posts[0].status, posts[0].code, posts[0].eventIds.length], [503, 'Throttled', 30]);
  assert.equal(deliveredIds().length, 20, 'two of the three PutEvents calls went through');
  assert.equal((await flush(world)).pending, 10, 'only the throttled call\'s events are kept');
  await advance(1_999);
  assert.equal(posts.length, 1, 'no retry before Retry-After');
  await advance(1);
  await eventually(() => deliveredIds().length === 30, 'the rest delivered after Retry-After');
  assert.deepEqual(posts.map((post) => post.eventIds.length), [30, 10], 'the retry carries only the 10 not taken');
  await advance(60_000);
  assert.deepEqual(sorted(deliveredIds()), ids(1, 30), 'each event arrived once');
  assert.deepEqual(world.codes(), ['delivery-failed']);
});

test('PutEvents throttled: the relay answers 503 with Retry-After, the events are kept and reported once, then delivered once each', async () => {
  const posts = routeToRelay();
  emulator.faults({ fail: { count: 2, error: 'ThrottlingException', retryAfterSeconds: 3 } });
  const world = await relayWorld();
  world.track();
  world.track();
  await eventually(() => posts[0]?.status !== undefined && world.reports.length === 1, 'the first post answered and reported');
  assert.deepEqual([posts[0].status, posts[0].code, posts[0].retryAfter], [503, 'Throttled', '3']);
  assert.deepEqual(world.codes(), ['delivery-failed']);
  assert.equal((await flush(world)).pending, 2, 'the events are kept');
  assert.equal(posts.length, 1, 'flush() during the backoff waits for it');
  await advance(2_999);
  assert.equal(posts.length, 1, 'no retry before Retry-After');
  await advance(1);
  assert.equal(posts.length, 2, 'retried when Retry-After ended');
  await eventually(() => posts[1].status !== undefined, 'the second post answered');
  assert.equal(posts[1].status, 503);
  await settle();
  assert.deepEqual(world.codes(), ['delivery-failed'], 'the second failure of the streak is not reported again');
  await advance(60_000);
  await eventually(() => deliveredIds().length === 2, 'delivered after the fault cleared');
  assert.deepEqual(await flush(world), { delivered: 0, rejected: 0, pending: 0 });
  await advance(60_000);
  assert.deepEqual(sorted(deliveredIds()), ['e1', 'e2'], 'each arrived once');
  assert.deepEqual(emulator.requests().map((request) => request.errorType ?? request.status), ['ThrottlingException', 'ThrottlingException', 200]);
  assert.deepEqual(world.codes(), ['delivery-failed']);
});

for (const [error, code] of [
  ['AccessDeniedException', 'AccessDenied'],
  ['ResourceNotFoundException', 'ResourceNotFound'],
] as const) {
  test(`${error} from AWS: the relay answers 502 ${code}, unknown-tracking-id is reported once, the events are kept and nothing more is sent`, async () => {
    const posts = routeToRelay();
    emulator.faults({ fail: { count: 1, error } });
    const world = await relayWorld();
    world.track();
    world.track();
    await eventually(() => world.reports.length === 1, 'reported');
    assert.deepEqual([posts[0].status, posts[0].code], [502, code]);
    assert.deepEqual(world.codes(), ['unknown-tracking-id']);
    assert.match(world.reports[0].message, new RegExp(code));
    world.track();
    assert.deepEqual(await flush(world), { delivered: 0, rejected: 0, pending: 3 }, 'all kept, the one tracked after too');
    await advance(120_000);
    await flush(world);
    assert.equal(posts.length, 1, 'nothing is posted after the refusal');
    assert.deepEqual(deliveredIds(), []);
    assert.equal(emulator.requests().length, 1);
    assert.deepEqual(world.codes(), ['unknown-tracking-id']);
  });
}

test('a relay that refuses the page\'s origin (403) is reported once; the events are kept and PutEvents never called', async () => {
  const posts = routeToRelay({ allowedOrigins: ['https://elsewhere.test'] });
  const world = await relayWorld();
  world.track();
  await eventually(() => world.reports.length === 1, 'reported');
  assert.deepEqual([posts[0].status, posts[0].code], [403, 'OriginNotAllowed']);
  assert.deepEqual(world.codes(), ['unknown-tracking-id']);
  world.track();
  assert.deepEqual(await flush(world), { delivered: 0, rejected: 0, pending: 2 });
  await advance(120_000);
  assert.equal(posts.length, 1, 'nothing is posted after the refusal');
  assert.equal(emulator.calls().PutEvents, 0);
  assert.deepEqual(world.codes(), ['unknown-tracking-id']);
});

test('the emulator down: the relay answers 503, the events are kept, and delivered once each after it came back', async () => {
  const posts = routeToRelay();
  emulator.faults({ down: true });
  const world = await relayWorld();
  world.track();
  world.track();
  await eventually(() => posts[0]?.status !== undefined && world.reports.length === 1, 'the first post answered and reported');
  assert.deepEqual([posts[0].status, posts[0].code, posts[0].retryAfter], [503, 'ServiceUnavailable', '1']);
  assert.deepEqual(world.codes(), ['delivery-failed']);
  await advance(1_000); // Retry-After: 1, the first backoff's ceiling too
  assert.equal(posts.length, 2, 'retried after a second');
  await eventually(() => posts[1].status !== undefined, 'the retry answered');
  assert.equal(posts[1].status, 503, 'still down');
  await settle();
  assert.equal((await flush(world)).pending, 2, 'kept');
  assert.deepEqual(deliveredIds(), []);
  emulator.faults({ down: false });
  await advance(60_000);
  await eventually(() => deliveredIds().length === 2, 'delivered after it came back');
  assert.deepEqual(await flush(world), { delivered: 0, rejected: 0, pending: 0 });
  await advance(60_000);
  assert.deepEqual(sorted(deliveredIds()), ['e1', 'e2'], 'each arrived once');
  assert.deepEqual(world.codes(), ['delivery-failed'], 'one report for the whole outage');
});

test('an unusable relayUrl is a TypeError naming it when the relay chunk starts, not a request to a wrong address', () => {
  for (const relayUrl of ['http://[bad', 42 as unknown as string]) {
    assert.throws(() => createRelayTransport({ relayUrl }), /^TypeError: init\(\): relayUrl must be a URL, absolute or relative to the page \(got /);
  }
  assert.doesNotThrow(() => createRelayTransport({ relayUrl: 'https://shop.test/api/events' }));
});
