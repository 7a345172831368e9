// Issue 4: every valid event is delivered exactly once for training, whatever the page, the network
// or the service does. Each fault is driven through the emulator's controls or the browser itself.
import { outcomeOf, summaryLine, type FaultOutcome } from './harness/fault-summary';
import { expect, test } from './harness/fixtures';
import { credentialsFetched, flush, openTrackerPage, storedRecords, trackBurst, trackerErrors, trackerPageUrl } from './harness/tracker-page';

const outcomes: FaultOutcome[] = [];
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

test.afterAll(() => {
  for (const outcome of outcomes) console.log(`  ${outcome.fault}: ${JSON.stringify({ ...outcome, fault: undefined })}`);
  console.log(summaryLine(outcomes));
});

test('tab close right after track(): 7 events arrive without a revisit', async ({ page, siteUrl, setup, emulator }) => {
  const warm = credentialsFetched(page);
  await openTrackerPage(page, siteUrl, setup);
  await warm;
  await trackBurst(page, 'closed', 7);
  await page.close();
  const events = await emulator.waitForEvents(7);
  const outcome = outcomeOf('tab close right after track()', ids('closed', 7), events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
});

test('navigation away right after track(): 7 events arrive without a revisit', async ({ page, siteUrl, setup, emulator }) => {
  const warm = credentialsFetched(page);
  await openTrackerPage(page, siteUrl, setup);
  await warm;
  await trackBurst(page, 'navigated', 7);
  await page.goto(`${siteUrl}/e2e/pages/sdk-direct.html`); // a page of the same site without the tracker
  const events = await emulator.waitForEvents(7);
  const outcome = outcomeOf('navigation away', ids('navigated', 7), events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
});

test('offline for a while, then online', async ({ context, page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await context.setOffline(true);
  await trackBurst(page, 'offline', 12);
  await flush(page);
  await flush(page);
  expect(await emulator.events()).toHaveLength(0);
  await context.setOffline(false);
  const events = await emulator.waitForEvents(12);
  const outcome = outcomeOf('offline, then online', ids('offline', 12), events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
});

test('a burst of 5xx answers', async ({ page, siteUrl, setup, emulator }) => {
  await emulator.faults({ fail: { count: 3, error: 'ServiceUnavailable' } });
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'fivexx', 10);
  await flush(page);
  const events = await emulator.waitForEvents(10, 20_000);
  const outcome = outcomeOf('5xx burst', ids('fivexx', 10), events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
  expect((await emulator.requests()).filter((request) => request.status === 503)).toHaveLength(3);
});

test('a throttling storm: attempts back off with growing gaps, then everything arrives', async ({ page, siteUrl, setup, emulator }) => {
  await emulator.faults({ fail: { count: 4, error: 'ThrottlingException' } });
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'throttled', 10);
  await flush(page);
  const events = await emulator.waitForEvents(10, 30_000);
  const attempts = (await emulator.requests()).map((request) => request.receivedAt);
  const gaps = attempts.slice(1).map((at, i) => at - attempts[i]);
  expect(gaps).toHaveLength(4);
  // Retry n waits between half and all of 1 s × 2^(n-1) (equal jitter), and its timer starts only
  // once the previous answer is in. So each gap is at least that floor, and the floors double. Two
  // neighbours may meet at a window's edge (1000 ms both), but a gap always beats the one two back.
  gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(500 * 2 ** i - 50)); // never a tight loop
  for (let i = 2; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 2]);
  expect(gaps[3]).toBeGreaterThan(gaps[0] * 2);
  const outcome = outcomeOf('throttling storm', ids('throttled', 10), events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
});

test('credentials expired on the server while still valid on the client', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'before-expiry', 2);
  await flush(page);
  await emulator.waitForEvents(2);
  await emulator.expireCredentials();
  await trackBurst(page, 'after-expiry', 5);
  await flush(page);
  const events = await emulator.waitForEvents(7);
  const statuses = (await emulator.requests()).map((request) => request.errorType ?? String(request.status));
  expect(statuses).toEqual(['200', 'ExpiredTokenException', '200']);
  const outcome = outcomeOf('credentials expired on the server', [...ids('before-expiry', 2), ...ids('after-expiry', 5)], events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
});

test('a poison event inside a good batch is reported, and its 9 neighbours arrive', async ({ page, siteUrl, setup, emulator }) => {
  await emulator.faults({ poisonItemIds: ['poison-3'] });
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'poison', 10);
  expect(await flush(page)).toMatchObject({ pending: 0 });
  const events = await emulator.waitForEvents(9);
  const errors = await trackerErrors(page);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: 'event-rejected', event: { event: { itemId: 'poison-3' } } });
  expect(errors[0].message).toMatch(/eventList\[\d+\]\.itemId "poison-3" was rejected/);
  const outcome = outcomeOf('poison event in a good batch', ids('poison', 10), events, { dropped: ['poison-3'] });
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [], dropped: ['poison-3'] });
});

test('a wrong trackingId: events are kept, sending stops, the error is reported once', async ({ page, siteUrl, setup, emulator }) => {
  const wrong = { trackingId: '0a1b2c3d-0000-4000-8000-00000000dead' };
  await openTrackerPage(page, siteUrl, setup, { setup: wrong });
  await trackBurst(page, 'wrong-id', 4);
  await flush(page);
  await trackBurst(page, 'wrong-id-later', 2);
  await flush(page);
  const requests = await emulator.requests();
  expect(requests.map((request) => request.errorType)).toEqual(['ResourceNotFoundException']);
  expect((await trackerErrors(page)).map((error) => error.code)).toEqual(['unknown-tracking-id']);
  const kept = (await storedRecords(page)).map((record) => record.event.itemId).sort();
  expect(kept).toEqual([...ids('wrong-id', 4), ...ids('wrong-id-later', 2)].sort());
  outcomes.push({ fault: 'wrong trackingId (kept in IndexedDB)', tracked: 6, lost: [], duplicated: [], resent: [], dropped: [] });
});

for (const tabs of [2, 5]) {
  test(`${tabs} tabs tracking at once`, async ({ context, siteUrl, setup, emulator }) => {
    const perTab = tabs === 2 ? 20 : 10;
    const pages = await Promise.all(Array.from({ length: tabs }, () => context.newPage()));
    await Promise.all(pages.map((page) => openTrackerPage(page, siteUrl, setup)));
    await Promise.all(pages.map((page, tab) => trackBurst(page, `tabs${tabs}-${tab}`, perTab)));
    await Promise.all(pages.map(flush));
    const events = await emulator.waitForEvents(tabs * perTab);
    const sessions = new Set(events.map((event) => event.sessionId));
    expect(sessions.size).toBe(tabs);
    for (const session of sessions) expect(events.filter((event) => event.sessionId === session)).toHaveLength(perTab);
    const tracked = pages.flatMap((_, tab) => ids(`tabs${tabs}-${tab}`, perTab));
    const outcome = outcomeOf(`${tabs} tabs tracking at once`, tracked, events);
    outcomes.push(outcome);
    expect(outcome).toMatchObject({ lost: [], duplicated: [] });
  });
}

test('a throttling storm with 5 tabs open: every tab backs off, no tight loop, all events arrive once', async ({ context, siteUrl, setup, emulator }) => {
  await emulator.faults({ fail: { count: 10, error: 'ThrottlingException' } });
  const pages = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
  await Promise.all(pages.map((page) => openTrackerPage(page, siteUrl, setup)));
  await Promise.all(pages.map((page, tab) => trackBurst(page, `storm-${tab}`, 10)));
  const events = await emulator.waitForEvents(50, 30_000);
  const requests = await emulator.requests();
  expect(requests.filter((request) => request.status === 200)).toHaveLength(5);
  expect(requests.length).toBeLessThanOrEqual(20); // 10 throttled, 5 accepted, and a little room
  const timeline = JSON.stringify(requests.map((request) => [request.sessionId?.slice(0, 4), request.status, request.receivedAt]));
  for (const session of new Set(requests.map((request) => request.sessionId))) {
    const attempts = requests.filter((request) => request.sessionId === session).map((request) => request.receivedAt);
    for (let i = 1; i < attempts.length; i++) expect(attempts[i] - attempts[i - 1], `attempts: ${timeline}`).toBeGreaterThanOrEqual(400);
  }
  const outcome = outcomeOf('throttling storm, 5 tabs', pages.flatMap((_, tab) => ids(`storm-${tab}`, 10)), events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
});

for (const ending of ['closed', 'reloaded'] as const) {
  test(`a tab ${ending} mid-flush strands nothing`, async ({ context, page, siteUrl, setup, emulator }) => {
    await emulator.faults({ latencyMs: 1_500 });
    await openTrackerPage(page, siteUrl, setup);
    await trackBurst(page, `mid-flush-${ending}`, 10);
    const flushing = page.waitForRequest((request) => request.url().endsWith('/events') && request.method() === 'POST');
    void flush(page).catch(() => undefined);
    await flushing;
    if (ending === 'closed') await page.close();
    else await page.reload();
    await emulator.faults({ latencyMs: 0 });
    const nextVisit = ending === 'closed' ? await context.newPage() : page;
    if (ending === 'closed') await nextVisit.goto(trackerPageUrl(siteUrl, setup));
    await emulator.waitForEvents(10);
    // The gone page could not delete its records: the next page sweeps them once they are older
    // than ORPHAN_GRACE_MS (10 s), sends them again with the same eventIds, and deletes them.
    await expect.poll(() => storedRecords(nextVisit), { timeout: 20_000 }).toEqual([]);
    const outcome = outcomeOf(`a tab ${ending} mid-flush`, ids(`mid-flush-${ending}`, 10), await emulator.events(), { resendPossible: true });
    outcomes.push(outcome);
    expect(outcome).toMatchObject({ lost: [], duplicated: [] });
  });
}

test('IndexedDB unavailable: reported, delivered from memory', async ({ page, siteUrl, setup, emulator }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => { throw new DOMException('The user denied permission', 'SecurityError'); } });
  });
  await openTrackerPage(page, siteUrl, setup);
  await trackBurst(page, 'no-idb', 5);
  await flush(page);
  const events = await emulator.waitForEvents(5);
  expect((await trackerErrors(page)).map((error) => error.code)).toEqual(['storage-unavailable']);
  const outcome = outcomeOf('IndexedDB unavailable', ids('no-idb', 5), events);
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
});

test('a full queue drops the oldest events, reports the streak once, and delivers the rest', async ({ context, page, siteUrl, setup, emulator }) => {
  const warm = credentialsFetched(page);
  await openTrackerPage(page, siteUrl, setup, { config: { maxQueueLength: 5 } });
  await warm; // the sender enforces the bounds: it must have loaded before the network goes
  await context.setOffline(true);
  await trackBurst(page, 'full', 8);
  const dropReports = async () => (await trackerErrors(page)).filter((error) => error.code === 'queue-full');
  await expect.poll(async () => (await dropReports()).length).toBe(1);
  const [{ dropped }] = (await dropReports()) as unknown as { dropped: { count: number; oldest: any; newest: any } }[];
  expect([dropped.count, dropped.oldest.event.itemId, dropped.newest.event.itemId]).toEqual([3, 'full-0', 'full-2']);
  await context.setOffline(false);
  const events = await emulator.waitForEvents(5);
  const outcome = outcomeOf('full queue', ids('full', 8), events, { dropped: ['full-0', 'full-1', 'full-2'] });
  outcomes.push(outcome);
  expect(outcome).toMatchObject({ lost: [], duplicated: [] });
  expect(outcome.dropped).toHaveLength(3);
});
