// Issue 5: the page pays for the loader only; the sender comes later. And the trimmed sender still
// finds AWS's default endpoints.
import { routeAwsToEmulator } from './bench/aws-route';
import { expect, test } from './harness/fixtures';
import { openTrackerPage, storedRecords } from './harness/tracker-page';

test('track() stores its event at once with the loader alone: nothing else is fetched first', async ({ page, siteUrl, setup }) => {
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await page.route('**/personalize-tracker-sender.js', () => undefined); // held back: never answered
  await openTrackerPage(page, siteUrl, setup);
  // Stored before the end of the task: a navigation right after track() cannot lose it (localStorage is synchronous).
  const stored = await page.evaluate(async () => {
    (window as any).personalize.track('View', { itemId: 'loader-only' });
    await Promise.resolve(); // the end of the tick, where the loader writes what the tick added
    const key = Object.keys(localStorage).find((name) => name.startsWith('personalize-tracker:unsaved:'));
    return JSON.parse(localStorage.getItem(key ?? '') ?? '[]').map((record: any) => record.event.itemId);
  });
  expect(stored).toEqual(['loader-only']);
  expect(await storedRecords(page)).toEqual([]); // IndexedDB is the sender's
  expect(scripts[0]).toBe('/dist/personalize-tracker.js');
  expect(scripts.filter((path) => path !== '/dist/personalize-tracker.js' && path !== '/dist/personalize-tracker-sender.js')).toEqual([]);
});

test('without endpoint overrides the sender uses the AWS default hosts of the region', async ({ context, page, siteUrl, setup, emulatorUrl, emulator }) => {
  const hosts: string[] = [];
  page.on('request', (request) => request.url().includes('amazonaws.com') && request.method() === 'POST' && hosts.push(new URL(request.url()).host));
  await routeAwsToEmulator(context, emulatorUrl);
  await openTrackerPage(page, siteUrl, setup, { setup: { endpoint: '', cognitoEndpoint: '' } });
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'default-endpoints' }));
  await page.evaluate(() => (window as any).personalize.flush());
  const [event] = await emulator.waitForEvents(1);
  expect(event.itemId).toBe('default-endpoints');
  expect(new Set(hosts)).toEqual(new Set(['cognito-identity.us-east-1.amazonaws.com', 'personalize-events.us-east-1.amazonaws.com']));
});
