// Issue 2, acceptance 3: a page on another origin gets Cognito credentials from the emulator and
// delivers a PutEvents signed by the real SDK; the emulator logs the event (CORS included).
import { expect, test } from './harness/fixtures';

test('a page on another origin sends a signed PutEvents through the AWS SDK', async ({ page, siteUrl, setup, emulator }) => {
  const preflights: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(setup.endpoint)) preflights.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.goto(`${siteUrl}/e2e/pages/sdk-direct.html`);
  expect(new URL(siteUrl).origin).not.toBe(new URL(setup.endpoint).origin);

  const status = await page.evaluate(
    (options) => (window as any).sdkDirect.putOneEvent(options),
    { ...setup, sessionId: 'session-sdk-direct', itemId: 'movie3' },
  );

  expect(status).toBe(200);
  const [event] = await emulator.waitForEvents(1);
  expect(event).toMatchObject({
    trackingId: setup.trackingId,
    sessionId: 'session-sdk-direct',
    eventType: 'MovieRating',
    itemId: 'movie3',
    eventValue: 4,
  });
  expect(Math.abs(event.sentAt * 1000 - Date.now())).toBeLessThan(60_000);
  expect(preflights).toContain('POST /events');
});
