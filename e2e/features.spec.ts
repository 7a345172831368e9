// Issue 6: declarative tracking, recommendation impressions and consent, by script tag.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { credentialsFetched, flush, openTrackerPage, storedRecords, trackerPageUrl } from './harness/tracker-page';

/** Opens the tracker page and waits until its lazily loaded chunk (with declarative tracking) runs. */
async function openWarm(page: Page, siteUrl: string, setup: Parameters<typeof openTrackerPage>[2]) {
  const warm = credentialsFetched(page);
  await openTrackerPage(page, siteUrl, setup);
  await warm;
}

const addHtml = (page: Page, html: string) =>
  page.evaluate((markup) => document.body.insertAdjacentHTML('beforeend', markup), html);

test('a click on a data-personalize-event element added after load is tracked', async ({ page, siteUrl, setup, emulator }) => {
  await openWarm(page, siteUrl, setup);
  await addHtml(page, `<button data-personalize-event="AddToCart" data-personalize-item-id="sku-1"
    data-personalize-event-value="2" data-personalize-properties='{"price": 19.99}'>Add to cart</button>`);
  await page.click('button');
  await flush(page);
  const [event] = await emulator.waitForEvents(1);
  expect(event).toMatchObject({ eventType: 'AddToCart', itemId: 'sku-1', eventValue: 2 });
  expect(JSON.parse(event.properties!)).toEqual({ price: 19.99 });
});

test('invalid attributes are reported on the console and nothing is sent for them', async ({ page, siteUrl, setup, emulator }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await openWarm(page, siteUrl, setup);
  await addHtml(page, `<button id="bad" data-personalize-event="AddToCart" data-personalize-item-id="">bad</button>
    <button id="bad-json" data-personalize-event="AddToCart" data-personalize-item-id="sku-2" data-personalize-properties="{oops">bad json</button>
    <button id="good" data-personalize-event="AddToCart" data-personalize-item-id="sku-3">good</button>`);
  await page.click('#bad');
  await page.click('#bad-json');
  await page.click('#good');
  await flush(page);
  const events = await emulator.waitForEvents(1);
  expect(events.map((event) => event.itemId)).toEqual(['sku-3']);
  expect(errors.join('\n')).toMatch(/itemId must be 1-256 characters \(got 0\)/);
  expect(errors.join('\n')).toMatch(/data-personalize-properties must be a JSON object/);
});

test('a click in a visible recommendation list carries the seen items as impression; a list below the fold adds nothing', async ({ page, siteUrl, setup, emulator }) => {
  await openWarm(page, siteUrl, setup);
  await addHtml(page, `
    <ul data-personalize-recommendation-id="rec-123">
      <li data-personalize-item-id="r1">r1</li><li data-personalize-item-id="r2">r2</li><li data-personalize-item-id="r3"><a href="#r3">r3</a></li>
    </ul>
    <div style="height: 5000px"></div>
    <ul data-personalize-recommendation-id="rec-far">
      <li data-personalize-item-id="f1">f1</li><li data-personalize-item-id="f2">f2</li>
    </ul>`);
  // Seen is decided by IntersectionObserver callbacks: wait for a frame or two before clicking.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.click('text=r3');
  await flush(page);
  const [event] = await emulator.waitForEvents(1);
  expect(event).toMatchObject({ eventType: 'Click', itemId: 'r3', recommendationId: 'rec-123', impression: ['r1', 'r2', 'r3'] });
});

test('a container that becomes a recommendation list later, or gets new recommendations, is tracked with its current recommendationId', async ({ page, siteUrl, setup, emulator }) => {
  await openWarm(page, siteUrl, setup);
  await addHtml(page, `<ul id="carousel"><li data-personalize-item-id="c1">c1</li><li data-personalize-item-id="c2">c2</li></ul>`);
  const nextFrames = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  // An SPA renders the container first and sets the recommendation id once GetRecommendations answers.
  await page.evaluate(() => document.getElementById('carousel')!.setAttribute('data-personalize-recommendation-id', 'rec-first'));
  await nextFrames();
  await page.click('text=c2');
  // New recommendations in the same container: the old ones' impressions must not leak into them.
  await page.evaluate(() => {
    const carousel = document.getElementById('carousel')!;
    carousel.innerHTML = '<li data-personalize-item-id="d1">d1</li><li data-personalize-item-id="d2">d2</li>';
    carousel.setAttribute('data-personalize-recommendation-id', 'rec-second');
  });
  await nextFrames();
  await page.click('text=d1');
  await flush(page);
  const events = (await emulator.waitForEvents(2)).sort((a, b) => a.itemId!.localeCompare(b.itemId!)); // two batches may race
  expect(events.map(({ itemId, recommendationId, impression }) => ({ itemId, recommendationId, impression }))).toEqual([
    { itemId: 'c2', recommendationId: 'rec-first', impression: ['c1', 'c2'] },
    { itemId: 'd1', recommendationId: 'rec-second', impression: ['d1', 'd2'] },
  ]);
});

test('after optOut() and a reload nothing is stored or sent; after optIn() events flow again', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await page.evaluate(() => {
    (window as any).personalize.track('View', { itemId: 'before-opt-out' });
    (window as any).personalize.optOut();
  });
  await page.reload();
  await page.evaluate(() => (window as any).trackerLoaded);
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'while-opted-out' }));
  await flush(page);
  expect(await storedRecords(page)).toEqual([]);
  expect(await page.evaluate(() => sessionStorage.getItem('personalize-tracker:session'))).toBeNull(); // removed, not emptied

  const otherTab = await page.context().newPage(); // the choice holds in other tabs too
  await otherTab.goto(trackerPageUrl(siteUrl, setup));
  await otherTab.evaluate(() => (window as any).trackerLoaded);
  await otherTab.evaluate(() => (window as any).personalize.track('View', { itemId: 'other-tab-opted-out' }));
  expect(await storedRecords(otherTab)).toEqual([]);

  await page.evaluate(() => (window as any).personalize.optIn());
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'after-opt-in' }));
  await flush(page);
  const events = await emulator.waitForEvents(1);
  expect(events.map((event) => event.itemId)).toEqual(['after-opt-in']);
  expect((await emulator.requests()).every((request) => !request.eventIds.length || request.status === 200)).toBe(true);
});

test('respectDoNotTrack honours Global Privacy Control until optIn()', async ({ page, siteUrl, setup, emulator }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await openTrackerPage(page, siteUrl, setup, { config: { respectDoNotTrack: true } });
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'gpc' }));
  await flush(page);
  expect(await storedRecords(page)).toEqual([]);
  await page.evaluate(() => (window as any).personalize.optIn());
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'gpc-opted-in' }));
  await flush(page);
  const events = await emulator.waitForEvents(1);
  expect(events.map((event) => event.itemId)).toEqual(['gpc-opted-in']);
});

test('debug: true logs each tracked event, each batch and each outcome', async ({ page, siteUrl, setup, emulator }) => {
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  // The fault is set before the page opens: the sender may load and send as soon as the page idles.
  await emulator.faults({ fail: { count: 1, error: 'ServiceUnavailable' } });
  await openTrackerPage(page, siteUrl, setup, { config: { debug: true } });
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'debugged' }));
  await flush(page);
  await emulator.waitForEvents(1, 15_000);
  // The emulator logs the event before it answers; the page logs "delivered" once it reads the answer.
  await expect.poll(() => logs.join('\n'), { timeout: 10_000 }).toMatch(/personalize-tracker: delivered 1 event\(s\)/);
  const text = logs.join('\n');
  expect(text).toMatch(/personalize-tracker: tracked/);
  expect(text).toMatch(/personalize-tracker: sending 1 event\(s\) of session [0-9a-f-]{36}/);
  expect(text).toMatch(/personalize-tracker: PutEvents failed \(ServiceUnavailable: .*\): transient/);
  expect(text).toMatch(/personalize-tracker: retry 1 in \d+ ms/);
  expect(text).toMatch(/personalize-tracker: delivered 1 event\(s\)/);
});
