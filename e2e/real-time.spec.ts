// Issue 11: an event reaches the service at once, bursts are still batched, sentAt is true time on
// a device whose clock is off, and maxQueueLength holds at every moment during an outage.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { flush, openTrackerPage, storedRecords, trackBurst, trackerErrors } from './harness/tracker-page';

const FLUSH_INTERVAL_MS = 5_000;

test('on a warm page one event arrives well within flushIntervalMs; a burst of 100 still goes in at most 12 requests', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup, { config: { flushIntervalMs: FLUSH_INTERVAL_MS } });
  await trackBurst(page, 'warm', 1);
  await emulator.waitForEvents(1, 15_000);
  const before = (await emulator.requests()).length;
  const started = Date.now();
  await trackBurst(page, 'now', 1);
  await emulator.waitForEvents(2, FLUSH_INTERVAL_MS);
  expect(Date.now() - started).toBeLessThan(FLUSH_INTERVAL_MS / 2);

  await trackBurst(page, 'burst', 100);
  await emulator.waitForEvents(102, 15_000);
  expect((await emulator.requests()).length - before - 1).toBeLessThanOrEqual(12);
});

/** Shifts the page's clock (Date and Date.now) by `offsetMs` before any script runs. */
const shiftClock = (page: Page, offsetMs: number) =>
  page.addInitScript((offset) => {
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        super(...((args.length > 0 ? args : [RealDate.now() + offset]) as []));
      }
      static now() {
        return RealDate.now() + offset;
      }
    }
    (window as any).Date = ShiftedDate;
  }, offsetMs);

for (const [label, offsetMs] of [['10 minutes fast', 10 * 60_000], ['2 hours slow', -2 * 60 * 60_000]] as const) {
  test(`with the device clock ${label}, events are delivered and every sentAt is within 5 s of true time`, async ({ page, siteUrl, setup, emulator }) => {
    await shiftClock(page, offsetMs);
    await openTrackerPage(page, siteUrl, setup);
    await trackBurst(page, 'before-offset', 3); // tracked before any response told the offset
    await flush(page);
    await trackBurst(page, 'after-offset', 3);
    await flush(page);
    const events = await emulator.waitForEvents(6, 15_000);
    for (const event of events) expect(Math.abs(event.sentAt * 1000 - event.receivedAt), event.itemId).toBeLessThan(5_000);
  });
}

test('with the service down and 2,000 events tracked, the queue never holds more than maxQueueLength; one report per streak; the kept ones arrive after recovery', async ({ page, siteUrl, setup, emulator }) => {
  const MAX = 200;
  await openTrackerPage(page, siteUrl, setup, { config: { maxQueueLength: MAX } });
  await trackBurst(page, 'warm', 1);
  await emulator.waitForEvents(1, 15_000);
  await emulator.faults({ down: true });
  let largest = 0;
  for (let round = 0; round < 20; round++) {
    await trackBurst(page, `down-${round}`, 100);
    const pending = (await flush(page)).pending;
    largest = Math.max(largest, pending, (await storedRecords(page)).length);
  }
  expect(largest).toBeLessThanOrEqual(MAX);
  // A streak ends after a quiet second: a report per streak with its count, never one per event.
  const reports = async () => (await trackerErrors(page)).filter((error) => error.code === 'queue-full') as unknown as { dropped: { count: number } }[];
  await expect.poll(async () => (await reports()).reduce((sum, report) => sum + report.dropped.count, 0), { timeout: 5_000 }).toBe(2_000 - MAX);
  expect((await reports()).length).toBeLessThanOrEqual(20); // at most one per round of 100 here
  await emulator.faults({ down: false });
  const events = await emulator.waitForEvents(1 + MAX, 90_000);
  expect(new Set(events.map((event) => event.itemId)).size).toBe(1 + MAX);
  expect(events.slice(1).every((event) => /^down-1[89]-/.test(event.itemId ?? ''))).toBe(true); // the newest were kept
});
