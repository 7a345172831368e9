// Issue 5: the page pays for the loader only; the sender comes later. And the trimmed sender still
// finds AWS's default endpoints.
import { routeAwsToEmulator } from './bench/aws-route';
import { expect, test } from './harness/fixtures';
import { openTrackerPage, storedRecords } from './harness/tracker-page';

test('track() stores its event with the loader alone: nothing else is fetched first', async ({ page, siteUrl, setup }) => {
  // The credentials chunk (issue 11) loads beside the sender, and track() does not wait for it either.
  await page.route('**/personalize-tracker-credentials.js', () => undefined);
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await page.route('**/personalize-tracker-sender.js', () => undefined); // held back: never answered
  await openTrackerPage(page, siteUrl, setup);
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'loader-only' }));
  await expect.poll(async () => (await storedRecords(page)).map((record) => record.event.itemId)).toEqual(['loader-only']);
  expect(scripts[0]).toBe('/dist/personalize-tracker.js');
  expect(scripts.filter((path) => path !== '/dist/personalize-tracker.js' && path !== '/dist/personalize-tracker-sender.js' && path !== '/dist/personalize-tracker-credentials.js')).toEqual([]);
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
