// A page for the sender chunk in Node: the real loader queue and createDeliveryWith() over an
// in-memory Transport, fake-indexeddb for idb-keyval, in-memory web storage, a window and a
// document that are EventTargets, and node:test's fake timers (setTimeout and Date; setImmediate
// and queueMicrotask stay real, since fake-indexeddb schedules its work with setImmediate).
// One world per test: createWorld() in the test, world.close() in afterEach. Module-level state of
// the sender (service-clock.ts, session-copy.ts, consent.ts) lives as long as the test file's
// process, so each behaviour that depends on it has a file of its own (see delivery-consent*.test.ts).
import 'fake-indexeddb/auto';
import { mock } from 'node:test';
import { MemoryStorage } from './memory-storage';
import { createQueue } from '../../../src/loader/queue';
import { createDeliveryWith } from '../../../src/sender/delivery';
import { destinationOf } from '../../../src/shared/destination';
import { FIRST_SEQUENCE, queueKey } from '../../../src/shared/queue-key';
import { MAX_BATCH } from '../../../src/shared/limits';
import { OWNER_LOCK_PREFIX } from '../../../src/shared/storage-names';
import type { Batch, Delivery, EventQueue, Transport } from '../../../src/shared/contract';
import type { FlushResult, QueuedEvent, DirectConfig, RelayConfig, TrackerConfig, TrackerError } from '../../../src/types';

export { MemoryStorage } from './memory-storage';

/** Where the fake Date starts in every test: the same value, so the service clock never sees the device clock set back between tests. */
export const START = Date.UTC(2026, 0, 1, 12);

/** An error as the AWS SDK throws it: the service's error name, the HTTP status, the response headers. */
export function sdkError(name: string, status?: number, retryAfter?: string): Error {
  return Object.assign(new Error(`${name} (test)`), {
    name,
    $metadata: { httpStatusCode: status },
    $response: { headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } },
  });
}

/** What the transport does with one send: accept it, fail with an error, or hang until the test answers. */
export type Answer = 'ok' | 'hang' | Error;

/** One send as the transport saw it. */
export interface Sent {
  trackingId: string;
  sessionId: string;
  userId?: string;
  records: QueuedEvent[];
  eventIds: string[];
  at: number; // fake Date.now() when it was sent
  /** For a hung send: answers it now. */
  answer(answer: 'ok' | Error): void;
  settled: boolean;
}

/** A Transport that records every batch it is given and answers as `answer` says. */
export class MemoryTransport implements Transport {
  maxBatch = MAX_BATCH;
  sent: Sent[] = [];
  /** Event ids accepted, in order (a repeat shows twice). */
  delivered: string[] = [];
  refreshed: unknown[] = [];
  inFlight = 0;
  maxInFlight = 0;
  answer: (batch: Batch, attempt: number) => Answer = () => 'ok';

  send(batch: Batch, handedOff?: () => void): Promise<void> {
    const answer = this.answer(batch, this.sent.length);
    const eventIds = batch.records.map((record) => record.event.eventId);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let settle!: (answer: 'ok' | Error) => void;
    const done = new Promise<void>((resolve, reject) => {
      settle = (result) => {
        if (sent.settled) return;
        sent.settled = true;
        this.inFlight--;
        if (result === 'ok') {
          this.delivered.push(...eventIds);
          resolve();
        } else reject(result);
      };
    });
    const sent: Sent = { trackingId: batch.trackingId, sessionId: batch.sessionId, userId: batch.userId, records: [...batch.records], eventIds, at: Date.now(), answer: settle, settled: false };
    this.sent.push(sent);
    handedOff?.(); // the request "went to fetch()": synchronously, as PutEvents' transport calls it
    // Answered in a later microtask, as a fetch answers after send() returned.
    if (answer !== 'hang') queueMicrotask(() => settle(answer));
    return done;
  }
  warm = () => Promise.resolve();
  refreshCredentials(failed: unknown): void {
    this.refreshed.push(failed);
  }
  /** Sends not answered yet. */
  hung(): Sent[] {
    return this.sent.filter((sent) => !sent.settled);
  }
  sentIds(): string[] {
    return this.sent.flatMap((sent) => sent.eventIds);
  }
}

/** Fake Web Locks: `held` owner ids are the live pages; requests are granted at once (one page sends here). */
export function fakeLocks(held: () => string[]) {
  return {
    query: async () => ({ held: held().map((owner) => ({ name: OWNER_LOCK_PREFIX + owner, mode: 'exclusive' })), pending: [] }),
    request: async (_name: string, optionsOrCallback: unknown, callback?: (lock: unknown) => unknown) =>
      (callback ?? (optionsOrCallback as (lock: unknown) => unknown))({ name: _name, mode: 'exclusive' }),
  };
}

/** Yields to real macrotasks (fake-indexeddb's) and runs the fake timers due now, never later ones. */
async function round(): Promise<void> {
  mock.timers.tick(0);
  await new Promise((resume) => setImmediate(resume));
}

/** Waits until `condition` holds, running what is due now; fails naming `what` if it never does. */
export async function until(condition: () => boolean, what: string, rounds = 500): Promise<void> {
  for (let index = 0; index < rounds; index++) {
    if (condition()) return;
    await round();
  }
  throw new Error(`never happened: ${what}`);
}

/** Lets everything due now run (IndexedDB transactions, passes), so that the absence of a send means something. */
export async function settle(rounds = 60): Promise<void> {
  for (let index = 0; index < rounds; index++) await round();
}

/** Moves the fake clock on by `ms` (Date and the timers due meanwhile), then lets what they started run. */
export async function advance(ms: number): Promise<void> {
  mock.timers.tick(ms);
  await settle();
}

/** Resolves what `promise` resolves to, running due timers and IndexedDB meanwhile. */
export async function drive<T>(promise: Promise<T>, what = 'the promise to settle'): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true)).catch(() => undefined);
  await until(() => done, what);
  return promise;
}

export interface WorldOptions {
  /** Direct mode's options over a default trackingId and pool; a config with `relayUrl` is taken as it is (relay mode). */
  config?: Partial<DirectConfig> | RelayConfig;
  /** The transport the sender gets instead of the in-memory one (world.transport is then unused). */
  createTransport?: (config: TrackerConfig) => Transport;
  /** Fake Web Locks on navigator: the page holds its owner lock until pagehide (without, the sender works as in engines lacking them). */
  locks?: boolean;
  /** With `locks`: owner ids of other live pages. */
  otherLiveOwners?: string[];
  /** How many events the loader queued before the sender chunk started (handed over at start). */
  before?: number;
  /** The origin's web storage, to make the next page of the same browser. */
  local?: MemoryStorage;
  session?: MemoryStorage;
}

let worldCount = 0;

export interface World {
  owner: string;
  config: TrackerConfig;
  queue: EventQueue;
  delivery: Delivery;
  transport: MemoryTransport;
  reports: TrackerError[];
  /** How often the sender told the loader of an opt-out it did not make. */
  optOuts: number;
  local: MemoryStorage;
  session: MemoryStorage;
  window: EventTarget & Record<string, unknown>;
  document: EventTarget & { visibilityState: string; readyState: string };
  /** As the loader's track(): a record queued and handed to the sender; nothing while opted out. */
  track(fields?: Partial<QueuedEvent['event']>, identity?: { sessionId?: string; userId?: string }): QueuedEvent;
  flush(): Promise<FlushResult>;
  codes(): string[];
  hide(): void;
  show(): void;
  pageHide(persisted?: boolean): void;
  pageShow(): void;
  optedOut: boolean;
}

/** Puts a fresh fake page on globalThis (storage shared with `local`/`session` if given: the next page of the origin). */
export function installPage(options: { local?: MemoryStorage; session?: MemoryStorage; locks?: unknown } = {}) {
  const local = options.local ?? new MemoryStorage();
  const session = options.session ?? new MemoryStorage();
  const window = new EventTarget() as EventTarget & Record<string, unknown>;
  Object.assign(window, { localStorage: local, sessionStorage: session });
  window.top = window;
  window.self = window;
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible', readyState: 'complete' });
  const page: Record<string, unknown> = {
    window,
    self: window,
    document,
    localStorage: local,
    sessionStorage: session,
    navigator: options.locks ? { locks: options.locks } : {},
    addEventListener: window.addEventListener.bind(window),
    removeEventListener: window.removeEventListener.bind(window),
    dispatchEvent: window.dispatchEvent.bind(window),
  };
  for (const [name, value] of Object.entries(page)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  return { local, session, window, document };
}

/** Starts fake timers and a monotonic clock that follows the fake Date (the service clock compares the two). */
export function startClock(): void {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: START });
  mock.method(performance, 'now', () => Date.now() - START);
}

/** A page with a started sender chunk over an in-memory transport. */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const owner = `owner${++worldCount}${Math.random().toString(36).slice(2, 8)}`;
  let liveOwners: string[] = [owner, ...(options.otherLiveOwners ?? [])];
  const { local, session, window, document } = installPage({ local: options.local, session: options.session, locks: options.locks ? fakeLocks(() => liveOwners) : undefined });
  const config: TrackerConfig = options.config?.relayUrl ? { ...(options.config as RelayConfig) } : { trackingId: 'tracking-1', identityPoolId: 'eu-west-1:pool', region: 'eu-west-1', ...(options.config as Partial<DirectConfig>) };
  const queue = createQueue(owner);
  const transport = new MemoryTransport();
  let sequence = FIRST_SEQUENCE;
  let count = 0;
  const world = {
    owner,
    config,
    queue,
    transport,
    reports: [] as TrackerError[],
    optOuts: 0,
    local,
    session,
    window,
    document,
    optedOut: false,
    track(fields: Partial<QueuedEvent['event']> = {}, identity: { sessionId?: string; userId?: string } = {}) {
      const sentAt = Date.now();
      const event = { eventType: 'View', eventId: `e${++count}`, sentAt, itemId: 'item-1', ...fields };
      const record: QueuedEvent = { key: queueKey(sentAt, sequence++, owner), owner, trackingId: destinationOf(config), sessionId: identity.sessionId ?? 'session-1', event };
      if (identity.userId) record.userId = identity.userId;
      if (world.optedOut) return record; // the loader's track() stores nothing while opted out
      queue.add(record);
      if (started) world.delivery.added(record);
      return record;
    },
    flush: () => drive(world.delivery.flush(), 'flush() to resolve'),
    codes: () => world.reports.map((error) => error.code),
    hide() {
      document.visibilityState = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    show() {
      document.visibilityState = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    pageHide(persisted = true) {
      liveOwners = liveOwners.filter((live) => live !== owner); // the owner lock is let go on pagehide (owner-lock.ts)
      window.dispatchEvent(Object.assign(new Event('pagehide'), { persisted }));
    },
    pageShow() {
      liveOwners.push(owner);
      window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    },
  } as unknown as World;
  let started = false;
  for (let index = 0; index < (options.before ?? 0); index++) world.track();
  world.delivery = createDeliveryWith(
    {
      config,
      queue,
      owner,
      report: (error) => world.reports.push(error),
      // The loader's stopAndForget(): nothing more is tracked, and the page's queue is forgotten.
      optOut: () => {
        world.optOuts++;
        world.optedOut = true;
        queue.clear();
      },
      tracker: { track: () => undefined },
    },
    options.createTransport ?? (() => transport),
  );
  started = true;
  await world.flush(); // the first pass (trigger 'start') has run: the visitor's choice is known, so a page hide sends
  return world;
}

/** Ends a test's world: lets IndexedDB finish, drops the fake timers and globals, deletes the databases. */
export async function closeWorld(): Promise<void> {
  await settle(20);
  mock.timers.reset();
  mock.restoreAll();
  for (const name of ['personalize-tracker', 'personalize-tracker-consent']) {
    await new Promise<void>((done) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => done();
    });
  }
  for (const name of ['window', 'self', 'document', 'localStorage', 'sessionStorage', 'navigator', 'addEventListener', 'removeEventListener', 'dispatchEvent']) {
    delete (globalThis as Record<string, unknown>)[name];
  }
}
