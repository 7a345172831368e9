// A device clock set back while events wait (by the user, or by NTP after a dead battery): the
// page's clock is shifted through e2e/pages/tracker.html's `clock-shift` (Date only; performance.now()
// and the emulator's clock stay true). Every delivered sentAt must be true time, and the orphans of
// a tab closed before the change must not wait for the old clock to come round again.
import assert from 'node:assert/strict';
import type { LoggedEvent } from '../harness/emulator-client';
import { expectDeliveredOnce, itemIds, trackItems, warmUp } from './delivery-checks';
import type { Tab } from './driver';
import type { Scenario } from './scenario-context';
import { waitUntil } from './wait';

const CLOCK_SET_BACK_MS = -3_600_000; // one hour back
const SENT_AT_TOLERANCE_MS = 5_000;
const ORPHAN_DELIVERY_MS = 5_000; // from the load of the first page after the change
const OUTAGE_ANSWERS = 1_000; // every PutEvents of the outage fails
const LONG_RETRY_AFTER_S = 30; // no retry, so no request in flight, while the first tab closes

/** Tracks the items and notes when, on the test's (true) clock. */
async function trackNoted(tab: Tab, ids: string[], trackedAt: Map<string, number>): Promise<void> {
  const before = Date.now();
  await trackItems(tab, ids);
  const at = (before + Date.now()) / 2;
  ids.forEach((id) => trackedAt.set(id, at));
}

/** Flushes, and checks that the outage refused every one of `ids` at least once. */
async function expectRefused(tab: Tab, emulatorRequests: () => Promise<{ status: number; eventIds: string[] }[]>, count: number): Promise<void> {
  await tab.evaluate(() => (window as any).personalize.flush().then(() => true));
  const refused = new Set((await emulatorRequests()).filter((request) => request.status === 503).flatMap((request) => request.eventIds));
  assert.ok(refused.size >= count, `${refused.size} of ${count} events were tried during the outage`);
}

/** Every event's sentAt within SENT_AT_TOLERANCE_MS of when the test tracked it. */
function expectTrueSentAt(events: LoggedEvent[], trackedAt: Map<string, number>): void {
  const off = events.map((event) => ({ id: event.itemId!, ms: Math.round(event.sentAt * 1000 - trackedAt.get(event.itemId!)!) }));
  const worst = off.reduce((a, b) => (Math.abs(b.ms) > Math.abs(a.ms) ? b : a));
  const wrong = off.filter(({ ms }) => !(Math.abs(ms) < SENT_AT_TOLERANCE_MS));
  assert.equal(wrong.length, 0, `${wrong.length} of ${off.length} sentAt off by more than ${SENT_AT_TOLERANCE_MS} ms: ${wrong.slice(0, 4).map(({ id, ms }) => `${id} ${ms} ms`).join(', ')}`);
  assert.ok(Math.abs(worst.ms) < SENT_AT_TOLERANCE_MS, `worst sentAt ${worst.id} ${worst.ms} ms`);
}

/** How many records the tracker's IndexedDB queue holds. */
const storedCount = (tab: Tab) =>
  tab.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('personalize-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('events')) return resolve(0);
          const count = database.transaction('events').objectStore('events').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );

export const CLOCK_SCENARIOS: Scenario[] = [
  {
    id: 'clock-a',
    title: 'clock set back 1 h while 5 events wait out an outage, 5 more tracked after: every sentAt within 5 s of true time',
    timeoutMs: 45_000,
    async run({ openTracker, emulator }) {
      const tab = await openTracker({ clockShiftMs: 0 });
      await warmUp(tab, emulator, 'clock-a-warm');
      await emulator.faults({ fail: { count: OUTAGE_ANSWERS, error: 'ServiceUnavailable' } });
      const trackedAt = new Map<string, number>();
      const before = itemIds('clock-a-before', 5);
      const after = itemIds('clock-a-after', 5);
      await trackNoted(tab, before, trackedAt);
      await expectRefused(tab, () => emulator.requests(), before.length);
      await tab.evaluate((ms: number) => (window as any).shiftClock(ms), CLOCK_SET_BACK_MS);
      await trackNoted(tab, after, trackedAt);
      await emulator.reset(); // the outage ends; the backoff's next retry sends
      const events = await expectDeliveredOnce(emulator, [...before, ...after], 20_000);
      expectTrueSentAt(events, trackedAt);
    },
  },
  {
    id: 'clock-b',
    title: `orphans of a tab closed before the clock was set back 1 h: 10 of 10 delivered within ${ORPHAN_DELIVERY_MS / 1000} s of the next page, sentAt true`,
    timeoutMs: 45_000,
    async run({ openTracker, emulator }) {
      const first = await openTracker({ clockShiftMs: 0, tag: 'first' });
      await warmUp(first, emulator, 'clock-b-warm');
      await emulator.faults({ fail: { count: OUTAGE_ANSWERS, error: 'ServiceUnavailable', retryAfterSeconds: LONG_RETRY_AFTER_S } });
      const trackedAt = new Map<string, number>();
      const orphans = itemIds('clock-b', 10);
      await trackNoted(first, orphans, trackedAt);
      await expectRefused(first, () => emulator.requests(), orphans.length);
      await waitUntil(async () => (await storedCount(first)) === orphans.length, 5_000, 'the events in IndexedDB');
      await first.close();
      await emulator.reset();
      await openTracker({ clockShiftMs: CLOCK_SET_BACK_MS, tag: 'after-change' });
      const events = await expectDeliveredOnce(emulator, orphans, ORPHAN_DELIVERY_MS);
      expectTrueSentAt(events, trackedAt);
    },
  },
];
