// Issue 4: the back/forward cache. The tracker has no unload listener and releases its Web Lock on
// pagehide, so the page can be cached; once restored it keeps tracking and delivering.
import { CHROMIUM_ARGS, chromiumExecutablePath } from './harness/browser';
import { expect, test } from './harness/fixtures';
import { openTrackerPage } from './harness/tracker-page';

// Playwright turns the cache off by default ("--disable-back-forward-cache"); this file turns it on.
test.use({ launchOptions: { executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

test('a page with the tracker enters the back/forward cache, and keeps tracking once restored', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await page.evaluate(() => {
    (window as any).restoredFromCache = false;
    addEventListener('pageshow', (event) => ((window as any).restoredFromCache ||= event.persisted));
    (window as any).personalize.track('View', { itemId: 'before-bfcache' });
  });
  await page.evaluate(() => (window as any).personalize.flush());
  await page.goto(`${siteUrl}/e2e/pages/sdk-direct.html`);
  await page.goBack({ waitUntil: 'commit' }); // a restore fires pageshow, not load
  await expect.poll(() => page.evaluate(() => (window as any).restoredFromCache)).toBe(true);
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'after-bfcache' }));
  await page.evaluate(() => (window as any).personalize.flush());
  const events = await emulator.waitForEvents(2);
  expect(events.map((event) => event.itemId)).toEqual(['before-bfcache', 'after-bfcache']);
});
