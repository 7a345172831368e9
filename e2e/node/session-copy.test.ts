// The copied-session check (src/sender/session-copy.ts) against a fake sessionStorage and fake Web
// Locks: a tab whose noted page is alive elsewhere is a copy and moves to a session of its own, in
// its queued events and in those queued later; a reload, a frame, a second tracker of the page and
// an engine without Web Locks keep the session as found.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { OWNER_LOCK_PREFIX } from '../../src/shared/storage-names';
import { createPageQueue } from '../../src/sender/page-queue';
import { randomId } from '../../src/shared/random-id';
import { SESSION_STORAGE_KEY } from '../../src/shared/storage-names';
import { openElsewhere, restampCopied, SESSION_OWNER_KEY, settleSession } from '../../src/sender/session-copy';
import type { QueuedEvent } from '../../src/types';

const OPENER_SESSION = 'opener-session';

/** Web Storage over a Map, as much of it as the tracker uses. */
function fakeStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

/** navigator.locks holding the owner locks of `owners`. */
const fakeLocks = (owners: string[]) => ({ query: async () => ({ held: owners.map((owner) => ({ name: OWNER_LOCK_PREFIX + owner, mode: 'exclusive' })), pending: [] }) });

let session: Storage;
let frame: boolean;

function setGlobals(locks: unknown): void {
  Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true, writable: true });
}

beforeEach(() => {
  session = fakeStorage();
  frame = false;
  const fakeWindow: Record<string, unknown> = { sessionStorage: session };
  Object.defineProperty(fakeWindow, 'top', { get: () => (frame ? {} : fakeWindow) });
  Object.defineProperty(globalThis, 'window', { value: fakeWindow, configurable: true, writable: true });
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>).window;
  delete (globalThis as Record<string, unknown>).navigator;
});

/** A page's queue holding `count` records of `sessionId`, with its stores recorded. */
function queueOf(owner: string, sessionId: string, count: number) {
  const stored: QueuedEvent[][] = [];
  const store = (records: QueuedEvent[]) => void stored.push(records);
  const queue = createPageQueue(`note-${owner}`, store, () => undefined);
  for (let i = 0; i < count; i++) {
    queue.put([{ key: `k${i}`, owner, trackingId: 't', sessionId, event: { eventType: 'View', eventId: `e${i}`, sentAt: i } }]);
  }
  const settle = () => settleSession(owner, queue, store);
  return { queue, stored, settle };
}

const record = (owner: string, sessionId: string, key: string): QueuedEvent => ({ key, owner, trackingId: 't', sessionId, event: { eventType: 'View', eventId: key, sentAt: 0 } });

describe('openElsewhere', () => {
  const live = (owners: string[]) => async () => new Set(owners);
  test('a noted page that holds its lock in another document: a copy', async () => {
    assert.equal(await openElsewhere('opener', new Set(['me']), live(['opener', 'me'])), true);
  });
  test('a noted page that let its lock go (reload, navigation, a closed opener): not a copy', async () => {
    assert.equal(await openElsewhere('previous', new Set(['me']), live(['me'])), false);
  });
  test('nothing noted, or a tracker of this document: not a copy', async () => {
    assert.equal(await openElsewhere(null, new Set(['me']), live(['me'])), false);
    assert.equal(await openElsewhere('other-tracker', new Set(['me', 'other-tracker']), live(['me', 'other-tracker'])), false);
  });
  test('without Web Locks: never a copy', async () => {
    assert.equal(await openElsewhere('opener', new Set(['me']), async () => undefined), false);
  });
});

describe('settleSession', () => {
  test('a reloaded tab keeps its session and notes the new page', async () => {
    const owner = randomId();
    session.setItem(SESSION_STORAGE_KEY, OPENER_SESSION);
    session.setItem(SESSION_OWNER_KEY, 'previous-page');
    setGlobals(fakeLocks([owner]));
    const { queue, stored, settle } = queueOf(owner, OPENER_SESSION, 2);
    await settle();
    assert.equal(session.getItem(SESSION_STORAGE_KEY), OPENER_SESSION);
    assert.equal(session.getItem(SESSION_OWNER_KEY), owner);
    assert.deepEqual(queue.records().map((queued) => queued.sessionId), [OPENER_SESSION, OPENER_SESSION]);
    assert.equal(stored.length, 0);
  });

  test('a copy of an open tab moves to a new session: stored, queued records re-stamped, later ones too', async () => {
    const owner = randomId();
    session.setItem(SESSION_STORAGE_KEY, OPENER_SESSION);
    session.setItem(SESSION_OWNER_KEY, 'opener');
    setGlobals(fakeLocks(['opener', owner]));
    const { queue, stored, settle } = queueOf(owner, OPENER_SESSION, 3);
    queue.put([record(owner, 'after-reset', 'reset')]); // a session the copy made itself stays
    await settle();
    const fresh = session.getItem(SESSION_STORAGE_KEY)!;
    assert.match(fresh, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(fresh, OPENER_SESSION);
    assert.equal(session.getItem(SESSION_OWNER_KEY), owner, 'the copy notes itself, so its own reload keeps the new session');
    assert.deepEqual(queue.records().map((queued) => queued.sessionId), [fresh, fresh, fresh, 'after-reset']);
    assert.equal(stored.length, 1, 'the re-stamped records are stored again');
    assert.deepEqual(stored[0]!.map((queued) => queued.sessionId).sort(), [fresh, fresh, fresh, 'after-reset'].sort());
    // The loader keeps stamping the session it read; what it queues from now on is re-stamped on its way in (sender.ts).
    const later = restampCopied(record(owner, OPENER_SESSION, 'later'));
    const laterReset = restampCopied(record(owner, 'after-reset', 'later-reset'));
    assert.equal(later.sessionId, fresh);
    assert.equal(laterReset.sessionId, 'after-reset');
  });

  test('a second tracker of the page finds the first one noted: same session, no copy', async () => {
    const first = randomId();
    const second = randomId();
    session.setItem(SESSION_STORAGE_KEY, OPENER_SESSION);
    setGlobals(fakeLocks([first, second]));
    await queueOf(first, OPENER_SESSION, 1).settle();
    assert.equal(session.getItem(SESSION_OWNER_KEY), first);
    const { queue, settle } = queueOf(second, OPENER_SESSION, 1);
    await settle();
    assert.equal(session.getItem(SESSION_STORAGE_KEY), OPENER_SESSION);
    assert.equal(queue.records()[0]!.sessionId, OPENER_SESSION);
  });

  test('a frame shares its tab\'s session: it neither checks nor notes', async () => {
    const owner = randomId();
    frame = true;
    session.setItem(SESSION_STORAGE_KEY, OPENER_SESSION);
    session.setItem(SESSION_OWNER_KEY, 'top-page');
    setGlobals(fakeLocks(['top-page', owner]));
    const { queue, settle } = queueOf(owner, OPENER_SESSION, 1);
    await settle();
    assert.equal(session.getItem(SESSION_STORAGE_KEY), OPENER_SESSION);
    assert.equal(session.getItem(SESSION_OWNER_KEY), 'top-page');
    assert.equal(queue.records()[0]!.sessionId, OPENER_SESSION);
  });

  test('without Web Locks the copied session stays (today\'s behaviour)', async () => {
    const owner = randomId();
    session.setItem(SESSION_STORAGE_KEY, OPENER_SESSION);
    session.setItem(SESSION_OWNER_KEY, 'opener');
    setGlobals(undefined);
    const { queue, settle } = queueOf(owner, OPENER_SESSION, 1);
    await settle();
    assert.equal(session.getItem(SESSION_STORAGE_KEY), OPENER_SESSION);
    assert.equal(queue.records()[0]!.sessionId, OPENER_SESSION);
    assert.equal(session.getItem(SESSION_OWNER_KEY), owner);
  });
});
