// A device clock set back or forward (by the user, or by NTP after a dead battery): the service
// clock follows a move back at once and doubts a move forward (src/sender/service-clock.ts); a
// record's own offset keeps its sentAt true (clock-stamps.ts); orphan ages, maxEventAgeMs and the
// shared retry time survive the change (sendable.ts, queue-bounds.ts, retry-schedule.ts). The page's
// clocks are stubbed: Date.now() is the device clock, performance.now() the monotonic one.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { createClockStamps } from '../../src/sender/clock-stamps';
import { createDropReport } from '../../src/sender/drop-report';
import { createNoteWriter } from '../../src/sender/note-writer';
import { createPageQueue } from '../../src/sender/page-queue';
import { applyQueueBounds } from '../../src/sender/queue-bounds';
import { createRetrySchedule } from '../../src/sender/retry-schedule';
import { sendableRecords } from '../../src/sender/sendable';
import { createServiceClock, serviceClock, serviceTimeOf } from '../../src/sender/service-clock';
import type { StoredQueue } from '../../src/sender/stored-queue';
import type { QueuedEvent, TrackerConfig } from '../../src/types';

const TRUE_START_MS = 1_800_000_000_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A true clock, a device clock `shift` away from it, and a monotonic clock that only advances. */
function fakeClocks() {
  const clocks = { trueMs: TRUE_START_MS, shiftMs: 0, startMs: TRUE_START_MS };
  return {
    clocks,
    device: () => clocks.trueMs + clocks.shiftMs,
    monotonic: () => clocks.trueMs - clocks.startMs,
    advance: (ms: number) => void (clocks.trueMs += ms),
    /** The Date header of a service whose clock is true. */
    header: () => ({ date: new Date(clocks.trueMs).toUTCString() }),
  };
}

describe('service clock', () => {
  test('a device clock set back 1 h moves the offset by 1 h at once, before any response tells', () => {
    const fake = fakeClocks();
    const clock = createServiceClock(fake.device, fake.monotonic);
    const settled: number[] = [];
    clock.onSettled((offset) => settled.push(offset));
    assert.equal(clock.knownOffsetMs(), undefined, 'no response yet: the offset is a guess');
    clock.learn(fake.header());
    assert.ok(Math.abs(clock.knownOffsetMs()!) < 1_000, 'confirmed near 0');
    fake.advance(10_000);
    fake.clocks.shiftMs = -HOUR_MS;
    fake.advance(10);
    assert.ok(Math.abs(clock.offsetMs() - HOUR_MS) < 1_000, `offset ${clock.offsetMs()}`);
    assert.ok(Math.abs(clock.now() - fake.clocks.trueMs) < 1_000, 'the service time is still true');
    assert.ok(clock.knownOffsetMs() !== undefined, 'a move back is certain: still known');
    assert.equal(settled.length, 2, 'told on confirmation and on the change');
    assert.ok(Math.abs(settled[1]!) < 1_000, 'the stamps before the change were on the old offset');
  });

  test('a move forward (a clock set forward, or sleep) leaves the offset but doubts it until a response', () => {
    const fake = fakeClocks();
    const clock = createServiceClock(fake.device, fake.monotonic);
    clock.learn(fake.header());
    fake.clocks.shiftMs = 2 * HOUR_MS;
    assert.equal(clock.knownOffsetMs(), undefined);
    assert.ok(Math.abs(clock.offsetMs()) < 1_000, 'unchanged: sleep moves the device clock the same way');
    clock.learn(fake.header());
    assert.ok(Math.abs(clock.knownOffsetMs()! + 2 * HOUR_MS) < 1_000, 'the response corrects it');
  });

  test('drift under a second is not a change', () => {
    const fake = fakeClocks();
    const clock = createServiceClock(fake.device, fake.monotonic);
    clock.learn(fake.header());
    const before = clock.offsetMs();
    fake.clocks.shiftMs = -400;
    assert.equal(clock.offsetMs(), before);
    assert.notEqual(clock.knownOffsetMs(), undefined);
  });
});

describe('the page clock (stubbed Date.now and performance.now)', () => {
  const fake = fakeClocks();
  beforeEach(() => {
    mock.method(Date, 'now', fake.device);
    mock.method(performance, 'now', fake.monotonic);
  });
  afterEach(() => mock.restoreAll());

  const record = (key: string, sentAt: number, owner = 'page'): QueuedEvent => ({
    key: `${sentAt}-${key}-${owner}`,
    owner,
    trackingId: 't',
    sessionId: 's',
    event: { eventType: 'View', eventId: key, sentAt },
  });
  const config = { trackingId: 't', identityPoolId: 'p', region: 'r' } as TrackerConfig;
  const storedWith = (records: QueuedEvent[]): StoredQueue => ({
    write: () => undefined,
    clearAll: () => undefined,
    readAll: async () => records,
    remove: () => undefined,
    flushDeletes: async () => undefined,
    deleting: new Set(),
    run: async () => undefined,
    saveUnsaved: () => undefined,
    adopt: () => undefined,
  });
  const sendable = (records: QueuedEvent[], own = 'page') =>
    sendableRecords({ page: createPageQueue(`note-${own}`, () => undefined, () => undefined), stored: storedWith(records), notes: createNoteWriter(() => undefined), config, owner: own, inFlight: new Set(), drops: createDropReport(() => undefined), sweep: true });

  test('events stamped before a 1 h set-back keep their offset; later ones take the new one', () => {
    const queue = createPageQueue('note', () => undefined, () => undefined);
    const adopt = createClockStamps(queue, 'page');
    serviceClock.learn(fake.header());
    const before = record('before', Date.now());
    queue.put([before]);
    adopt([before]);
    fake.advance(5_000);
    fake.clocks.shiftMs = -HOUR_MS;
    const after = record('after', Date.now());
    queue.put([after]);
    adopt([after]);
    fake.advance(5_000);
    const trueTimes = [TRUE_START_MS, TRUE_START_MS + 5_000];
    [before, after].forEach((each, index) => assert.ok(Math.abs(serviceTimeOf(each) - trueTimes[index]!) < 1_000, `${each.event.eventId}: ${serviceTimeOf(each) - trueTimes[index]!} ms off`));
  });

  test('an event stamped while the offset is unsure (a move forward) takes the offset the next response confirms', () => {
    const queue = createPageQueue('note', () => undefined, () => undefined);
    const adopt = createClockStamps(queue, 'page');
    serviceClock.learn(fake.header());
    fake.clocks.shiftMs += 2 * HOUR_MS; // set forward, or asleep: unknown until the service tells
    const unsure = record('unsure', Date.now());
    const trueAt = fake.clocks.trueMs;
    queue.put([unsure]);
    adopt([unsure]);
    assert.equal(unsure.clockOffsetMs, undefined);
    fake.advance(2_000);
    serviceClock.learn(fake.header());
    assert.ok(Math.abs(serviceTimeOf(unsure) - trueAt) < 1_000, `${serviceTimeOf(unsure) - trueAt} ms off`);
    fake.clocks.shiftMs -= 2 * HOUR_MS;
    serviceClock.learn(fake.header());
  });

  test('an orphan stamped 1 h ahead (the clock was set back since) is sent at once, not in an hour', async () => {
    Object.defineProperty(globalThis, 'navigator', { value: { locks: { query: async () => ({ held: [] }) } }, configurable: true });
    try {
      // Stamped on a clock an hour ahead of this page's (a stale offset, or a page before the set-back).
      const orphan = { ...record('orphan', Date.now() + HOUR_MS, 'gone'), clockOffsetMs: serviceClock.offsetMs() };
      const young = { ...record('young', Date.now() - 300, 'gone-too'), clockOffsetMs: serviceClock.offsetMs() };
      const { records, sweepAgainInMs } = await sendable([orphan, young]);
      assert.deepEqual(records.map((each) => each.event.eventId), ['orphan']);
      assert.ok(sweepAgainInMs! > 0 && sweepAgainInMs! <= 1_000, `the young one is looked at again in ${sweepAgainInMs} ms`);
    } finally {
      Object.defineProperty(globalThis, 'navigator', { value: undefined, configurable: true });
    }
  });

  test('without Web Locks, an orphan 1 h ahead is taken; one a minute old still waits', async () => {
    const ahead = record('ahead', Date.now() + HOUR_MS, 'gone');
    const recent = record('recent', Date.now() - 60_000, 'gone');
    const { records } = await sendable([ahead, recent]);
    assert.deepEqual(records.map((each) => each.event.eventId), ['ahead']);
  });

  test('maxEventAgeMs is judged on the service clock: a device clock set 30 days forward expires nothing', async () => {
    const queued = { ...record('queued', Date.now()), clockOffsetMs: serviceClock.offsetMs() };
    fake.clocks.shiftMs += 30 * DAY_MS;
    serviceClock.learn(fake.header()); // the service tells the device clock is 30 days fast
    const { records } = await sendable([queued]);
    assert.deepEqual(records.map((each) => each.event.eventId), ['queued']);
    fake.clocks.shiftMs -= 30 * DAY_MS;
    serviceClock.learn(fake.header());
  });

  test('applyQueueBounds takes the records\' times from timeOf', () => {
    const now = 100 * DAY_MS;
    const stamped = [record('a', 0), record('b', now)];
    const { expired, kept } = applyQueueBounds(stamped, now, 10, DAY_MS, (each) => (each.event.eventId === 'a' ? now - 1 : each.event.sentAt));
    assert.deepEqual([expired.length, kept.length], [0, 2]);
  });

  test('a shared retry time survives the device clock set back 1 h: the other tab still waits, not an hour', () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value), removeItem: (key: string) => void stored.delete(key) };
    Object.defineProperty(globalThis, 'window', { value: { localStorage: storage }, configurable: true });
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      serviceClock.learn(fake.header());
      const retries: string[] = [];
      const failing = createRetrySchedule(() => retries.push('failing'), () => undefined);
      failing.failed('30'); // retry-after: 30 s
      fake.advance(1_000);
      fake.clocks.shiftMs -= HOUR_MS;
      const other = createRetrySchedule(() => retries.push('other'), () => undefined);
      assert.equal(other.waiting(), true, 'the other tab backs off too');
      mock.timers.tick(30_000);
      assert.deepEqual(retries.sort(), ['failing', 'other'], 'both retry after the 30 s, not an hour later');
      fake.clocks.shiftMs += HOUR_MS;
    } finally {
      mock.timers.reset();
      Object.defineProperty(globalThis, 'window', { value: undefined, configurable: true });
    }
  });
});
