// Issue 3: the tracker on the normal path, by script tag, against the emulator.
import { expect, test } from './harness/fixtures';
import { openTrackerPage, trackerErrors } from './harness/tracker-page';

const SESSION_KEY = 'personalize-tracker:session';

test('25 ratings in one burst arrive once each, in at most 3 requests of at most 10', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  const trackedAt = await page.evaluate(() => {
    const at = Date.now();
    for (let i = 1; i <= 25; i++) {
      (window as any).personalize.track('MovieRating', { itemId: `movie${i}`, eventValue: i % 5 + 1, genre: 'drama', numberOfRatings: i });
    }
    return at;
  });
  await page.evaluate(() => (window as any).personalize.flush());

  const events = await emulator.waitForEvents(25);
  expect(events).toHaveLength(25);
  expect(new Set(events.map((event) => event.eventId)).size).toBe(25);
  // Default ids: the page's random UUID and the event's number on the page, in call order.
  const ids = [...events].sort((a, b) => Number(a.itemId!.slice(5)) - Number(b.itemId!.slice(5))).map((event) => event.eventId!.split(/-(?=[0-9a-z]+$)/));
  expect(new Set(ids.map(([pageId]) => pageId)).size).toBe(1);
  expect(ids[0][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(ids.map(([, number]) => parseInt(number, 36) - parseInt(ids[0][1], 36))).toEqual(Array.from({ length: 25 }, (_, index) => index));
  const requests = await emulator.requests();
  expect(requests.length).toBeLessThanOrEqual(3);
  for (const request of requests) {
    expect(request.status).toBe(200);
    expect(request.eventCount).toBeLessThanOrEqual(10);
  }
  const sessionId = await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY);
  expect(sessionId).toBeTruthy();
  for (let i = 1; i <= 25; i++) {
    const event = events.find((candidate) => candidate.itemId === `movie${i}`)!;
    expect(event).toMatchObject({ eventType: 'MovieRating', eventValue: i % 5 + 1, sessionId, trackingId: setup.trackingId });
    expect(JSON.parse(event.properties!)).toEqual({ genre: 'drama', numberOfRatings: i });
    expect(Math.abs(event.sentAt * 1000 - trackedAt)).toBeLessThan(1000);
    expect(event.userId).toBeUndefined();
  }
});

test('the session survives a reload, a new tab gets a new one, identify keeps it and reset renews it', async ({ context, page, siteUrl, setup, emulator }) => {
  const track = (itemId: string) => page.evaluate((id) => (window as any).personalize.track('View', { itemId: id }), itemId);
  const flush = () => page.evaluate(() => (window as any).personalize.flush());
  await openTrackerPage(page, siteUrl, setup);
  await track('before-reload');
  await flush();
  await page.reload();
  await page.evaluate(() => (window as any).trackerLoaded);
  await track('after-reload');
  await page.evaluate(() => (window as any).personalize.identify('user-42'));
  await track('identified');
  await page.evaluate(() => (window as any).personalize.reset());
  await track('after-reset');
  await flush();

  const otherTab = await context.newPage();
  await openTrackerPage(otherTab, siteUrl, setup);
  await otherTab.evaluate(() => (window as any).personalize.track('View', { itemId: 'other-tab' }));
  await otherTab.evaluate(() => (window as any).personalize.flush());

  const events = await emulator.waitForEvents(5);
  const byItem = Object.fromEntries(events.map((event) => [event.itemId, event]));
  expect(byItem['after-reload'].sessionId).toBe(byItem['before-reload'].sessionId);
  expect(byItem['identified'].sessionId).toBe(byItem['before-reload'].sessionId);
  expect(byItem['identified'].userId).toBe('user-42');
  expect(byItem['after-reload'].userId).toBeUndefined();
  expect(byItem['after-reset'].sessionId).not.toBe(byItem['before-reload'].sessionId);
  expect(byItem['after-reset'].userId).toBeUndefined();
  expect(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY)).toBe(byItem['after-reset'].sessionId);
  expect(byItem['other-tab'].sessionId).not.toBe(byItem['before-reload'].sessionId);
  expect(byItem['other-tab'].sessionId).not.toBe(byItem['after-reset'].sessionId);
});

test('each invalid input throws a clear TypeError, and the good events around it arrive', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  const outcomes = await page.evaluate(() => {
    const long = (n: number) => 'x'.repeat(n);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    const calls: [string, unknown][] = [
      ['', {}],
      [long(257), {}],
      ['View', { itemId: long(300) }],
      ['View', { eventId: long(257) }],
      ['View', { recommendationId: long(41) }],
      ['MovieRating', { itemId: 'm', eventValue: 'four' }],
      ['View', { itemId: 'm', notes: long(1100) }],
      ['View', { itemId: 'm', loop }],
      ['View', { itemId: 'm', callback: () => 1 }],
      ['View', { itemId: 'm', userId: 'u' }],
      ['View', { itemId: 'm', Timestamp: 1 }],
      ['View', { itemId: 'm', impression: Array.from({ length: 26 }, (_, i) => `i${i}`) }],
    ];
    const personalize = (window as any).personalize;
    const results: { name: string; message: string }[] = [];
    personalize.track('View', { itemId: 'good-before' });
    for (const [eventType, props] of calls) {
      try {
        personalize.track(eventType, props);
        results.push({ name: 'none', message: 'no error' });
      } catch (error) {
        results.push({ name: (error as Error).constructor.name, message: (error as Error).message });
      }
    }
    personalize.track('View', { itemId: 'good-after' });
    return results;
  });
  await page.evaluate(() => (window as any).personalize.flush());

  const expected = [
    /eventType must be 1-256 characters \(got 0\)/,
    /eventType must be 1-256 characters \(got 257\)/,
    /^track\(\): itemId must be 1-256 characters \(got 300\)$/,
    /eventId must be 1-256 characters \(got 257\)/,
    /recommendationId must be 1-40 characters \(got 41\)/,
    /eventValue must be a finite number/,
    /properties must be at most 1024 characters/,
    /properties must be at most 1024 characters as JSON \(got more than 1024, or a cycle\)/,
    /properties.callback must be JSON-serialisable/,
    /properties must be free of reserved keys in any casing \(got "userId"\)/,
    /properties must be free of reserved keys in any casing \(got "Timestamp"\)/,
    /impression must be a list of 1-25 item ids \(got 26\)/,
  ];
  expect(outcomes).toHaveLength(expected.length);
  outcomes.forEach((outcome, index) => {
    expect(outcome.name).toBe('TypeError');
    expect(outcome.message).toMatch(expected[index]);
  });
  const events = await emulator.waitForEvents(2);
  expect(events.map((event) => event.itemId)).toEqual(['good-before', 'good-after']);
  expect((await emulator.requests()).every((request) => request.status === 200)).toBe(true);
  expect(await trackerErrors(page)).toEqual([]);
});

test('events tracked offline arrive within 5 s of coming back online, without another track()', async ({ context, page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup);
  await page.evaluate(() => (window as any).personalize.flush()); // sender loaded and credentials warm
  await context.setOffline(true);
  await page.evaluate(() => {
    for (let i = 0; i < 4; i++) (window as any).personalize.track('View', { itemId: `offline-${i}` });
  });
  await page.evaluate(() => (window as any).personalize.flush());
  expect(await emulator.events()).toHaveLength(0);

  await context.setOffline(false);
  const events = await emulator.waitForEvents(4, 5_000);
  expect(events.map((event) => event.itemId).sort()).toEqual(['offline-0', 'offline-1', 'offline-2', 'offline-3']);
});

test('events tracked while the service answers 5xx are delivered on the next visit with their original sentAt and session', async ({ context, page, siteUrl, setup, emulator }) => {
  await emulator.faults({ fail: { count: 1000, error: 'ServiceUnavailable' } });
  await openTrackerPage(page, siteUrl, setup);
  const tracked = await page.evaluate(() => {
    for (let i = 0; i < 5; i++) (window as any).personalize.track('AddToCart', { itemId: `sku-${i}` });
    return { at: Date.now(), sessionId: sessionStorage.getItem('personalize-tracker:session') };
  });
  await page.evaluate(() => (window as any).personalize.flush());
  await expect.poll(async () => (await emulator.requests()).some((request) => request.status === 503)).toBe(true);
  await page.close();
  await emulator.reset();

  const nextVisit = await context.newPage();
  await openTrackerPage(nextVisit, siteUrl, setup);
  const events = await emulator.waitForEvents(5, 20_000); // another page's events wait out ORPHAN_GRACE_MS (10 s)
  expect(events).toHaveLength(5);
  for (const event of events) {
    expect(event.sessionId).toBe(tracked.sessionId);
    expect(Math.abs(event.sentAt * 1000 - tracked.at)).toBeLessThan(1000);
  }
  const newSession = await nextVisit.evaluate(() => sessionStorage.getItem('personalize-tracker:session'));
  expect(newSession).not.toBe(tracked.sessionId);
});

test('calls made through the stub before the file loads are delivered in order, configured by data- attributes', async ({ page, siteUrl, setup, emulator }) => {
  await openTrackerPage(page, siteUrl, setup, { initByData: true, manualLoad: true });
  await page.evaluate(() => {
    const personalize = (window as any).personalize;
    for (let i = 0; i < 6; i++) personalize.track('View', { itemId: `early-${i}` });
    personalize.identify('user-7');
    personalize.track('View', { itemId: 'early-identified' });
  });
  expect(await page.evaluate(() => (window as any).personalize.q.length)).toBe(8);
  await page.evaluate(() => (window as any).loadTracker());
  await page.evaluate(() => (window as any).personalize.flush());

  const events = await emulator.waitForEvents(7);
  // identify() starts a second batch, which may travel in parallel with the first and arrive before
  // it: the order to check is the order the calls were stamped in, and the order within a batch.
  const anonymous = events.filter((event) => event.userId === undefined);
  expect(anonymous.map((event) => event.itemId)).toEqual(['early-0', 'early-1', 'early-2', 'early-3', 'early-4', 'early-5']);
  const identified = events.find((event) => event.itemId === 'early-identified');
  expect(identified?.userId).toBe('user-7');
  const stamps = [...anonymous, identified!].map((event) => event.sentAt);
  stamps.slice(1).forEach((sentAt, index) => expect(sentAt).toBeGreaterThanOrEqual(stamps[index]));
});

test('without IndexedDB the tracker reports it through onError and still delivers from memory', async ({ page, siteUrl, setup, emulator }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await openTrackerPage(page, siteUrl, setup);
  await page.evaluate(() => (window as any).personalize.track('View', { itemId: 'memory-only' }));
  await page.evaluate(() => (window as any).personalize.flush());
  const [event] = await emulator.waitForEvents(1);
  expect(event.itemId).toBe('memory-only');
  const errors = await trackerErrors(page);
  expect(errors.map((error) => error.code)).toEqual(['storage-unavailable']);
  expect(errors[0].message).toMatch(/IndexedDB failed \(.*\); events are kept in memory and localStorage/);
});
