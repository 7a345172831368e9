// What the emulator must have received: every expected event exactly once, each PutEvents of at
// most 10 events and of one session.
import assert from 'node:assert/strict';
import type { EmulatorClient, LoggedEvent } from '../harness/emulator-client';
import type { Tab } from './driver';
import { waitUntil } from './wait';

const MAX_BATCH = 10; // PutEvents limit
/** After the last expected event arrived, copies (a retry, a keepalive send racing a pass) would arrive within this. */
export const SETTLE_MS = 1_000;

/** `count` itemIds `${prefix}-0` … */
export const itemIds = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** Tracks one View per itemId in one synchronous burst. */
export const trackItems = (tab: Tab, ids: string[]) =>
  tab.evaluate((items: string[]) => {
    for (const itemId of items) (window as any).personalize.track('View', { itemId });
  }, ids);

/** In one page task, as a click on a link does: tracks the items, then navigates to `url`. */
export const trackAndLeave = (tab: Tab, url: string, items: string[]) =>
  tab.evaluate(
    ({ url, items }: { url: string; items: string[] }) =>
      void setTimeout(() => {
        for (const itemId of items) (window as any).personalize.track('View', { itemId });
        location.href = url;
      }),
    { url, items },
  );

/** Records, from now on, whether the page comes back from the back/forward cache (see cameBack). */
export const watchRestore = (tab: Tab) => tab.evaluate(() => void addEventListener('pageshow', (event) => ((window as any).restoredFromCache ||= event.persisted)));

/** Waits until the tracker page is showing again after history back; true if it came from the bfcache. */
export async function cameBack(tab: Tab): Promise<boolean> {
  const state = await waitUntil(
    () => tab.evaluate(() => (window as any).personalize?.track && document.readyState === 'complete' && { restored: (window as any).restoredFromCache === true }),
    10_000,
    'the tracker page to come back',
  );
  return state.restored;
}

/** Tracks one event, flushes and waits until it arrived: the sender is loaded and its credentials are warm. */
export async function warmUp(tab: Tab, emulator: EmulatorClient, itemId: string): Promise<void> {
  await trackItems(tab, [itemId]);
  await tab.evaluate(() => (window as any).personalize.flush().then(() => true));
  await waitUntil(async () => (await emulator.events()).some((event) => event.itemId === itemId), 10_000, `the warm-up event ${itemId}`);
}

/**
 * Waits up to `timeoutMs` for every itemId in `expected`, then `settleMs` more, and checks that each
 * arrived once (and no other event did), eventIds are unique, and every request held ≤ 10 events of one session.
 */
export async function expectDeliveredOnce(emulator: EmulatorClient, expected: string[], timeoutMs: number, settleMs = SETTLE_MS): Promise<LoggedEvent[]> {
  const missing = async () => {
    const seen = new Set((await emulator.events()).map((event) => event.itemId));
    return expected.filter((id) => !seen.has(id));
  };
  try {
    await waitUntil(async () => (await missing()).length === 0, timeoutMs, 'the events');
  } catch {
    const lost = await missing();
    assert.fail(`${expected.length - lost.length}/${expected.length} delivered within ${timeoutMs} ms; missing: ${shortList(lost)}`);
  }
  await new Promise((done) => setTimeout(done, settleMs));
  const events = await emulator.events();
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.itemId ?? '', (counts.get(event.itemId ?? '') ?? 0) + 1);
  const twice = [...counts].filter(([, count]) => count > 1).map(([id, count]) => `${id} ×${count}`);
  if (twice.length > 0) assert.fail(`${twice.length} events arrived more than once: ${shortList(twice)}`);
  const unexpected = [...counts.keys()].filter((id) => !expected.includes(id));
  if (unexpected.length > 0) assert.fail(`unexpected events arrived: ${shortList(unexpected)}`);
  assert.equal(new Set(events.map((event) => event.eventId)).size, events.length, 'eventIds are unique');
  await expectBatches(emulator, events);
  return events;
}

const shortList = (items: string[]) => items.slice(0, 6).join(', ') + (items.length > 6 ? `, … (${items.length} in all)` : '');

async function expectBatches(emulator: EmulatorClient, events: LoggedEvent[]): Promise<void> {
  for (const request of await emulator.requests()) {
    assert.ok(request.eventCount <= MAX_BATCH, `a PutEvents carried ${request.eventCount} events`);
  }
  const sessionsByRequest = new Map<string, Set<string>>();
  for (const event of events) {
    const sessions = sessionsByRequest.get(event.requestId) ?? new Set();
    sessionsByRequest.set(event.requestId, sessions.add(event.sessionId));
  }
  for (const [requestId, sessions] of sessionsByRequest) assert.equal(sessions.size, 1, `request ${requestId} mixed sessions`);
}
