// Issue 12: hostile pages, full storage and odd stored values never stall, leak or mis-send. The
// built script-tag files against the emulator, in Chromium.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { CREDENTIALS_KEY, flush, openTrackerPage, storedRecords, trackerErrors, warmSender } from './harness/tracker-page';

const RETRY_AT_KEY = 'personalize-tracker:retry-at';
const CONSENT_KEY = 'personalize-tracker:consent';
const SESSION_KEY = 'personalize-tracker:session';
const DAY_MS = 24 * 60 * 60_000;

const track = (page: Page, itemId: string, eventType = 'View') =>
  page.evaluate(({ itemId, eventType }) => (window as any).personalize.track(eventType, { itemId }), { itemId, eventType });

test('row 1: a retry time stored 10, 20 or 30 days ahead (past setTimeout\'s 2^31 ms) is ignored and deleted; delivery goes on', async ({ page, siteUrl, setup, emulator }) => {
  for (const [index, days] of [10, 20, 30].entries()) {
    // Written before the page runs, as another script or a clock set back would leave it.
    await page.addInitScript(({ key, at }) => localStorage.setItem(key, String(at)), { key: RETRY_AT_KEY, at: Date.now() + days * DAY_MS });
    await openTrackerPage(page, siteUrl, setup);
    await track(page, `after-${days}-days`);
    await flush(page);
    await emulator.waitForEvents(index + 1);
    expect(await page.evaluate((key) => localStorage.getItem(key), RETRY_AT_KEY)).toBeNull();
  }
  expect((await emulator.events()).map((event) => event.itemId)).toEqual(['after-10-days', 'after-20-days', 'after-30-days']);
});

test('row 2: optOut() with localStorage full is reported, kept in IndexedDB, holds after a reload, and optIn() ends it', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await page.evaluate(() => {
    // Fill localStorage to the last character, as a page with much cached data would.
    for (let size = 1 << 22, index = 0; size >= 1; ) {
      try {
        localStorage.setItem(`fill-${index++}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
    (window as any).personalize.optOut();
  });
  await expect.poll(async () => (await trackerErrors(page)).map((error) => error.code)).toContain('storage-unavailable');
  expect((await trackerErrors(page)).find((error) => error.code === 'storage-unavailable')?.message).toMatch(/localStorage refused the choice "out"/);
  expect(await page.evaluate((key) => localStorage.getItem(key), CONSENT_KEY)).toBeNull(); // not stored there
  const copy = () =>
    page.evaluate(async () => {
      if (!(await indexedDB.databases()).some((database) => database.name === 'personalize-tracker-consent')) return undefined;
      return new Promise((resolve) => {
        const open = indexedDB.open('personalize-tracker-consent');
        open.onsuccess = () => {
          const request = open.result.transaction('choice').objectStore('choice').get('choice');
          request.onsuccess = () => resolve(request.result);
        };
      });
    });
  await expect.poll(copy).toBe('out');

  await page.reload(); // localStorage is still full
  await page.evaluate(() => (window as any).trackerLoaded);
  await track(page, 'after-reload');
  await flush(page); // loads the sender, which reads the copy before sending anything
  await track(page, 'later');
  await flush(page);
  await expect.poll(() => storedRecords(page)).toEqual([]);
  expect(await emulator.events()).toEqual([]);
  expect((await emulator.requests()).filter((request) => request.eventIds.length > 0)).toEqual([]);

  // optIn() with localStorage still full: the copy says in, on this page and the next.
  await page.evaluate(() => (window as any).personalize.optIn());
  await expect.poll(copy).toBe('in');
  await track(page, 'opted-in');
  await flush(page);
  await page.reload();
  await page.evaluate(() => (window as any).trackerLoaded);
  await track(page, 'opted-in-after-reload');
  await flush(page);
  expect((await emulator.waitForEvents(2)).map((event) => event.itemId)).toEqual(['opted-in', 'opted-in-after-reload']);
});

test('row 4: the script tag parses its documented attributes to their types and warns about unknown ones', async ({ page, siteUrl, setup, emulator }) => {
  const warnings: string[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await openTrackerPage(page, siteUrl, setup, {
    initByData: true,
    attributes: { 'data-respect-do-not-track': 'false', 'data-flush-interval-ms': '5' },
  });
  await track(page, 'gpc-not-respected'); // respectDoNotTrack is false, not the truthy string "false"
  await flush(page);
  expect((await emulator.waitForEvents(1)).map((event) => event.itemId)).toEqual(['gpc-not-respected']);
  expect(warnings.join('\n')).toMatch(/personalize-tracker: ignored unknown data-flush-interval-ms/);
});

test('row 5: declarative properties set no top-level field and must be a JSON object; root and allow-list narrow tracking', async ({ page, siteUrl, setup, emulator }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  // Rendered with the page: the root selector is looked up when the sender chunk starts.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => document.body.insertAdjacentHTML(
      'beforeend',
      `<div id="shop">
        <button id="smuggle" data-personalize-event="AddToCart" data-personalize-item-id="s1"
          data-personalize-properties='{"eventId":"fixed","recommendationId":"rec-evil","impression":["x"],"metricAttribution":{"eventAttributionSource":"evil"}}'>smuggle</button>
        <button id="list" data-personalize-event="AddToCart" data-personalize-item-id="s2" data-personalize-properties='["x","y"]'>list</button>
        <button id="huge" data-personalize-event="AddToCart" data-personalize-item-id="s3" data-personalize-properties='{"note":"${'x'.repeat(10_000)}"}'>huge</button>
        <button id="other-type" data-personalize-event="Purchase" data-personalize-item-id="s4">other type</button>
        <button id="good" data-personalize-event="AddToCart" data-personalize-item-id="s5" data-personalize-properties='{"price":3}'>good</button>
      </div>
      <div id="reviews"><button id="outside" data-personalize-event="AddToCart" data-personalize-item-id="s6">outside</button></div>`,
    )),
  );
  await openTrackerPage(page, siteUrl, setup, {
    initByData: true,
    attributes: { 'data-declarative-root': '#shop', 'data-declarative-events': 'AddToCart, Click' },
  });
  await warmSender(page);
  for (const id of ['smuggle', 'list', 'huge', 'other-type', 'outside', 'good']) await page.click(`#${id}`);
  await flush(page);
  const events = await emulator.waitForEvents(1);
  expect(events.map((event) => [event.itemId, event.properties])).toEqual([['s5', '{"price":3}']]);
  const text = errors.join('\n');
  expect(text).toMatch(/data-personalize-properties may not set eventId/);
  expect(text).toMatch(/data-personalize-properties must be a JSON object of at most 4096 characters \(got \["x","y"\]\)/);
  expect(text).toMatch(/data-personalize-properties must be a JSON object of at most 4096 characters \(got \{"note":"x+…\)/);
  expect(text).toMatch(/event type "Purchase" is not in the declarative eventTypes allow-list/);
});

test('row 10: an inlined loader without senderUrl fails loudly instead of importing a page-relative path', async ({ page, siteUrl, setup, emulator }) => {
  const loader = readFileSync('dist/personalize-tracker.js', 'utf8');
  const relativeRequests: string[] = [];
  page.on('request', (request) => request.url().includes('/e2e/pages/personalize-tracker-sender') && relativeRequests.push(request.url()));
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  /** Runs the loader as an inline script of the page (no src: its own URL is unknown), configured by its data- attributes. */
  const inline = (senderUrl?: string) =>
    page.evaluate(
      ({ loader, setup, senderUrl }) => {
        const script = document.createElement('script');
        const attributes = { ...setup, ...(senderUrl ? { senderUrl } : {}) };
        for (const [name, value] of Object.entries(attributes)) script.dataset[name] = value;
        script.textContent = loader;
        document.head.appendChild(script);
      },
      { loader, setup: { ...setup }, senderUrl },
    );

  await openTrackerPage(page, siteUrl, setup, { initByData: true, manualLoad: true });
  await inline();
  expect(pageErrors.join('\n')).toMatch(/init\(\): senderUrl is required when the tracker is inlined/);
  await track(page, 'no-sender-url');
  await flush(page);

  await openTrackerPage(page, siteUrl, setup, { initByData: true, manualLoad: true });
  await inline(`${siteUrl}/dist/personalize-tracker-sender.js`);
  await track(page, 'inlined');
  await flush(page);
  expect((await emulator.waitForEvents(1)).map((event) => event.itemId)).toEqual(['inlined']);
  expect(relativeRequests).toEqual([]);
});

test('row 11: optOut() removes the session id, the retry time, exit notes and the Cognito identity and credentials', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await track(page, 'before');
  await flush(page);
  await emulator.waitForEvents(1);
  const stored = () =>
    page.evaluate(({ keys, sessionKey }) => [...keys.map((key) => localStorage.getItem(key)), sessionStorage.getItem(sessionKey)], {
      keys: [RETRY_AT_KEY, CREDENTIALS_KEY],
      sessionKey: SESSION_KEY,
    });
  await page.evaluate((key) => localStorage.setItem(key, String(Date.now() + 30_000)), RETRY_AT_KEY); // a backoff under way
  const [retryAt, identityId, sessionId] = await stored();
  expect(retryAt && identityId && sessionId).toBeTruthy(); // all three were there
  const notes = ['personalize-tracker:unsaved:gone-page', 'personalize-tracker:left:gone-page']; // exit notes of a page that went away
  await page.evaluate((names) => {
    names.forEach((name) => localStorage.setItem(name, '[]'));
    (window as any).personalize.optOut();
  }, notes);
  expect(await stored()).toEqual([null, null, null]);
  expect(await page.evaluate((names) => names.map((name) => localStorage.getItem(name)), notes)).toEqual([null, null]);
  expect(await page.evaluate((key) => localStorage.getItem(key), CONSENT_KEY)).toBe('out'); // only the choice stays
});

test('row 14: a cached Cognito identity id that Cognito does not know is replaced, and sending goes on', async ({ page, siteUrl, setup, emulator }) => {
  // What an emulator restart (or a deleted identity) leaves behind: an id Cognito answers ResourceNotFoundException for,
  // stored without credentials, as after a refusal.
  await page.addInitScript(({ key, identityPoolId }) => localStorage.setItem(key, JSON.stringify({ identityPoolId, identityId: 'us-east-1:00000000-0000-4000-8000-000000000000' })), { key: CREDENTIALS_KEY, identityPoolId: setup.identityPoolId });
  await openTrackerPage(page, siteUrl, setup);
  await track(page, 'after-restart');
  await flush(page);
  expect((await emulator.waitForEvents(1)).map((event) => event.itemId)).toEqual(['after-restart']);
  expect((await trackerErrors(page)).map((error) => error.code)).not.toContain('unknown-tracking-id');
  expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).identityId, CREDENTIALS_KEY)).not.toBe('us-east-1:00000000-0000-4000-8000-000000000000');
});
