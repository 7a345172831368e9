// Issue 9 in Chromium: what the exit path must neither lose nor send twice. The same scenarios run
// in Firefox and WebKit in e2e/engines/, where the driver allows.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { flush, openTrackerPage, storedRecords, trackBurst, trackerPageUrl } from './harness/tracker-page';

const SENDER = '**/personalize-tracker-sender.js*';
const idsOf = (events: { itemId?: string }[]) => events.map((event) => event.itemId ?? '');
const repeats = (ids: string[]) => ids.filter((id, index) => ids.indexOf(id) !== index);

/** Holds the sender chunk back until the returned function is called. */
async function holdSender(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((done) => (release = done));
  await page.route(SENDER, async (route) => {
    await released;
    await route.continue().catch(() => undefined);
  });
  return release;
}

/** Makes the page believe it was hidden for `ms`, as a tab switch does. */
const hideFor = (page: Page, ms: number) =>
  page.evaluate((ms) => {
    const setHidden = (hidden: boolean) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    setHidden(true);
    setTimeout(() => setHidden(false), ms);
  }, ms);

test('a tab switch while a pass sends 200 events sends none of them twice', async ({ page, siteUrl, setup, emulator }) => {
  await emulator.faults({ latencyMs: 150 });
  await openTrackerPage(page, siteUrl, setup);
  await flush(page);
  await trackBurst(page, 'switch', 200);
  const sending = page.waitForRequest((request) => request.url().endsWith('/events') && request.method() === 'POST');
  void flush(page);
  await sending;
  await hideFor(page, 300);
  const events = await emulator.waitForEvents(200, 20_000);
  await flush(page);
  expect(repeats(idsOf(await emulator.events()))).toEqual([]);
  expect(events.length).toBe(200);
});

test('a warm page left by navigation sends its last events once, on the way out, and the next page does not repeat them', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'warm', 1);
  await emulator.waitForEvents(1);
  await trackBurst(page, 'leaving', 5);
  const left = Date.now();
  await page.goto(`${siteUrl}/e2e/pages/sdk-direct.html`);
  await emulator.waitForEvents(6);
  const arrivedMs = Date.now() - left;
  await page.goto(trackerPageUrl(siteUrl, setup));
  await page.evaluate(() => (window as any).trackerLoaded);
  // The gone page could not delete what it sent: the queue is empty once this page has dealt with it.
  await expect.poll(() => storedRecords(page), { timeout: 20_000 }).toEqual([]);
  await flush(page);
  expect(repeats(idsOf(await emulator.events()))).toEqual([]);
  expect(idsOf(await emulator.events())).toHaveLength(6);
  expect(arrivedMs).toBeLessThan(3_000);
});

test('an event tracked in the same task as a navigation, before the sender loaded, is delivered: 20 of 20', async ({ page, siteUrl, setup, emulator }) => {
  const release = await holdSender(page);
  for (let attempt = 0; attempt < 20; attempt++) {
    await openTrackerPage(page, siteUrl, setup);
    await Promise.all([
      page.waitForURL('**/sdk-direct.html'),
      page.evaluate((attempt) => {
        (window as any).personalize.track('Click', { itemId: `link-${attempt}` });
        location.href = '/e2e/pages/sdk-direct.html';
      }, attempt),
    ]);
  }
  release();
  await openTrackerPage(page, siteUrl, setup);
  const events = await emulator.waitForEvents(20, 20_000);
  expect(idsOf(events).sort()).toEqual(Array.from({ length: 20 }, (_, attempt) => `link-${attempt}`).sort());
});

test('a page left before its sender loaded has its events delivered within 3 s of the next page load', async ({ page, siteUrl, setup, emulator }) => {
  const release = await holdSender(page);
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'early', 5);
  await page.goto(`${siteUrl}/e2e/pages/sdk-direct.html`);
  release();
  const loaded = Date.now();
  await openTrackerPage(page, siteUrl, setup);
  const events = await emulator.waitForEvents(5, 10_000);
  expect(Date.now() - loaded).toBeLessThan(3_000);
  expect(idsOf(events).sort()).toEqual(['early-0', 'early-1', 'early-2', 'early-3', 'early-4']);
});

test('a sender chunk that failed to load twice is fetched again, and the events go out without a page trigger', async ({ page, siteUrl, setup, emulator }) => {
  let failures = 0;
  await page.route(SENDER, (route) => (failures++ < 2 ? route.abort('connectionreset') : route.continue()));
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'blip', 5);
  const events = await emulator.waitForEvents(5, 20_000);
  expect(failures).toBeGreaterThanOrEqual(3);
  expect(idsOf(events).sort()).toEqual(['blip-0', 'blip-1', 'blip-2', 'blip-3', 'blip-4']);
});
