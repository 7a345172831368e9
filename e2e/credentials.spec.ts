// Issue 11, points 2 and 3: Cognito's credentials are shared by the pages and tabs of an origin
// (one GetId per browser, one GetCredentialsForIdentity per credential lifetime), fetched without
// waiting for the sender chunk, refreshed before they expire, and a throttling Cognito is backed off.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { CREDENTIALS_KEY, flush, openTrackerPage, sharedCredentials, storedRecords, trackBurst, trackerErrors, warmSender } from './harness/tracker-page';

const cognitoCalls = async (emulator: { calls(): Promise<Record<string, number>> }) => {
  const { GetId = 0, GetCredentialsForIdentity = 0 } = await emulator.calls();
  return { GetId, GetCredentialsForIdentity };
};

/** One page view: open the tracker page, track one event, and flush it. */
async function viewPage(page: Page, open: () => Promise<void>, itemId: string) {
  await open();
  await page.evaluate((itemId) => (window as any).personalize.track('View', { itemId }), itemId);
  expect(await flush(page)).toMatchObject({ pending: 0 }); // sent by this page, or by another as an orphan
}

test('one visitor viewing 7 pages in 2 tabs asks Cognito once: 1 GetId, 1 GetCredentialsForIdentity', async ({ context, page, siteUrl, setup, emulator }) => {
  const second = await context.newPage();
  const open = (tab: Page) => () => openTrackerPage(tab, siteUrl, setup);
  // Both tabs start cold at the same moment: one fetches, the other waits for it (Web Lock).
  await Promise.all([viewPage(page, open(page), 'page-1'), viewPage(second, open(second), 'page-2')]);
  for (const [i, tab] of [page, second, page, second, page].entries()) await viewPage(tab, open(tab), `page-${i + 3}`);
  const events = await emulator.waitForEvents(7);
  expect(events.map((event) => event.itemId).sort()).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6', 'page-7']);
  expect(await cognitoCalls(emulator)).toEqual({ GetId: 1, GetCredentialsForIdentity: 1 });
});

test('credentials are refreshed once they have less than 5 minutes left, by one call for every page', async ({ context, page, siteUrl, setup, emulator }) => {
  await emulator.faults({ credentialTtlSeconds: 5 * 60 + 8 }); // fresh for 8 s
  await openTrackerPage(page, siteUrl, setup);
  await warmSender(page);
  const first = (await sharedCredentials(page))!;
  await trackBurst(page, 'before', 2);
  await flush(page);
  await emulator.waitForEvents(2);
  // No sleep: the test waits until the page's own clock says 5 minutes are left.
  await page.waitForFunction((expiration) => expiration - Date.now() < 5 * 60_000, first.expiration!, { timeout: 20_000 });
  await emulator.faults({ credentialTtlSeconds: 3600 });
  const before = await cognitoCalls(emulator); // 1 and 1, or one more where this busy machine took 8 s for the first part
  const second = await context.newPage();
  await Promise.all([openTrackerPage(page, siteUrl, setup), openTrackerPage(second, siteUrl, setup)]);
  await trackBurst(page, 'after', 2);
  await trackBurst(second, 'other-tab', 2);
  await Promise.all([flush(page), flush(second)]);
  await emulator.waitForEvents(6);
  const statuses = (await emulator.requests()).map((request) => request.errorType ?? String(request.status));
  expect(statuses.every((status) => status === '200')).toBe(true);
  expect(await cognitoCalls(emulator)).toEqual({ GetId: 1, GetCredentialsForIdentity: before.GetCredentialsForIdentity + 1 });
  expect((await sharedCredentials(second))!.accessKeyId).not.toBe(first.accessKeyId);
});

test('credentials expired on the server: both tabs recover with one new GetCredentialsForIdentity', async ({ context, page, siteUrl, setup, emulator }) => {
  const second = await context.newPage();
  await Promise.all([openTrackerPage(page, siteUrl, setup), openTrackerPage(second, siteUrl, setup)]);
  await Promise.all([warmSender(page), warmSender(second)]);
  await emulator.expireCredentials();
  await trackBurst(page, 'first-tab', 3);
  await trackBurst(second, 'second-tab', 3);
  await Promise.all([flush(page), flush(second)]);
  const events = await emulator.waitForEvents(6);
  expect(events).toHaveLength(6);
  expect((await emulator.requests()).filter((request) => request.errorType === 'ExpiredTokenException').length).toBeGreaterThanOrEqual(1);
  expect(await cognitoCalls(emulator)).toEqual({ GetId: 1, GetCredentialsForIdentity: 2 });
});

test('credentials and an identity id a restarted Cognito no longer knows: a new identity, and the events arrive', async ({ context, page, siteUrl, setup, emulator }) => {
  // What an earlier emulator run (or a deleted identity) leaves in the browser.
  const stale = {
    identityPoolId: setup.identityPoolId,
    identityId: 'us-east-1:00000000-0000-4000-8000-000000000000',
    accessKeyId: 'ASIASTALESTALESTALE0',
    secretKey: 'stale',
    sessionToken: 'stale',
    expiration: Date.now() + 3600_000,
  };
  await context.addInitScript(({ key, value }) => localStorage.getItem(key) ?? localStorage.setItem(key, value), { key: CREDENTIALS_KEY, value: JSON.stringify(stale) });
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'restarted', 3);
  await flush(page);
  await emulator.waitForEvents(3);
  expect((await emulator.requests()).map((request) => request.errorType ?? String(request.status))).toEqual(['UnrecognizedClientException', '200']);
  expect(await cognitoCalls(emulator)).toEqual({ GetId: 1, GetCredentialsForIdentity: 2 });
  expect((await sharedCredentials(page))!.identityId).not.toBe(stale.identityId);
});

test('a throttling Cognito (TooManyRequestsException): the events stay queued and arrive after the backoff', async ({ page, siteUrl, setup, emulator }) => {
  await emulator.faults({ fail: { count: 3, error: 'TooManyRequestsException', operation: 'GetId' } });
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'throttled', 3);
  expect(await flush(page)).toMatchObject({ delivered: 0, pending: 3 });
  expect(await emulator.events()).toHaveLength(0);
  expect(await storedRecords(page)).toHaveLength(3);
  const errors = await trackerErrors(page);
  expect(errors.map((error) => error.code)).toEqual(['delivery-failed']);
  expect(errors[0].message).toMatch(/TooManyRequestsException/);
  const events = await emulator.waitForEvents(3, 20_000);
  expect(events.map((event) => event.itemId).sort()).toEqual(['throttled-0', 'throttled-1', 'throttled-2']);
  const { GetId } = await cognitoCalls(emulator);
  expect(GetId).toBe(4); // three refused, each retry after a growing wait, then one answered
  await expect.poll(() => storedRecords(page)).toHaveLength(0);
});
