// The demo, started in-process as `npm start` would: the script-tag shop and the rollup-bundled SPA
// both deliver what the user does to the emulator, and the event panel shows it live.
import { expect, test } from '@playwright/test';
import { useDemo } from './demo-harness';

interface LoggedEvent {
  sessionId: string;
  userId?: string;
  eventType: string;
  itemId?: string;
  eventValue?: number;
  properties?: string;
}

const demo = useDemo();

async function receivedEvents(): Promise<LoggedEvent[]> {
  const response = await fetch(`${demo().emulatorUrl}/__emulator/events`);
  return ((await response.json()) as { events: LoggedEvent[] }).events;
}

/** The events the emulator accepted, reduced to what the demo controls. */
async function received(): Promise<Array<Pick<LoggedEvent, 'eventType' | 'itemId' | 'eventValue' | 'properties'>>> {
  return (await receivedEvents()).map(({ eventType, itemId, eventValue, properties }) => ({ eventType, itemId, eventValue, properties }));
}

test('shop: rating a movie through the script tag reaches the emulator and the event panel', async ({ page }) => {
  await page.goto(demo().shopUrl);
  await page.getByTestId('movie-card-movie3').click();
  await page.getByTestId('rate-movie3-4').click();

  await expect
    .poll(received, { timeout: 10_000, message: 'MovieRating delivered to the emulator' })
    .toEqual(expect.arrayContaining([expect.objectContaining({ eventType: 'MovieRating', itemId: 'movie3', eventValue: 4 })]));
  expect(await received()).toContainEqual(expect.objectContaining({ eventType: 'View', itemId: 'movie3' }));

  const row = page.getByTestId('event-panel').getByTestId('event-row').filter({ hasText: 'MovieRating' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('movie3');
  await expect(row).toContainText('= 4');
});

test('shop: logging in attaches user-42 to later events in the same session', async ({ page }) => {
  await page.goto(demo().shopUrl);
  await page.getByTestId('movie-card-movie1').click();
  await page.getByTestId('login').click();
  await page.getByTestId('add-to-cart-movie1').click();
  await page.getByTestId('flush').click();
  // An earlier pass may have sent the View. A cold sender chunk and credentials come first: 15 s.
  await expect(page.getByTestId('flash')).toContainText(/Flushed: \d delivered, 0 rejected, 0 pending/, { timeout: 15_000 });

  const events = await receivedEvents();
  const view = events.find((event) => event.eventType === 'View');
  const addToCart = events.find((event) => event.eventType === 'AddToCart');
  expect(view).toMatchObject({ itemId: 'movie1' });
  expect(view?.userId).toBeUndefined();
  expect(addToCart).toMatchObject({ itemId: 'movie1', eventValue: 1, userId: 'user-42', sessionId: view?.sessionId });
  expect(JSON.parse(addToCart?.properties ?? '{}')).toEqual({ price: 3.99 });
});

test('shop: calls made before the tracker file loads are queued by the stub, then delivered', async ({ page }) => {
  // The static server holds the tracker back; DOMContentLoaded does not wait for an async script.
  await page.goto(`${demo().shopUrl}?trackerDelay=10000`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('movie-card-movie2').click();
  await page.getByTestId('rate-movie2-3').click();
  expect(await page.evaluate(() => (window as any).personalize.q?.map(([method, args]: [string, unknown[]]) => [method, args[0]]))).toEqual([
    ['track', 'View'],
    ['track', 'MovieRating'],
  ]);

  await expect
    .poll(received, { timeout: 25_000, message: 'queued calls replayed and delivered' })
    .toEqual([
      expect.objectContaining({ eventType: 'View', itemId: 'movie2' }),
      expect.objectContaining({ eventType: 'MovieRating', itemId: 'movie2', eventValue: 3 }),
    ]);
});

test('SPA: routes and a rating are delivered through the bundled npm import', async ({ page }) => {
  const scriptTagRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/dist/')) scriptTagRequests.push(request.url());
  });
  await page.goto(demo().spaUrl);
  await page.getByTestId('movie-card-movie3').click();
  await expect(page).toHaveURL(/#\/movie\/movie3$/);
  await page.getByTestId('rate-movie3-5').click();

  await expect
    .poll(received, { timeout: 10_000, message: 'SPA events delivered to the emulator' })
    .toEqual(
      expect.arrayContaining([
        expect.objectContaining({ eventType: 'PageView', properties: JSON.stringify({ path: '/' }) }),
        expect.objectContaining({ eventType: 'PageView', properties: JSON.stringify({ path: '/movie/movie3' }) }),
        expect.objectContaining({ eventType: 'View', itemId: 'movie3' }),
        expect.objectContaining({ eventType: 'MovieRating', itemId: 'movie3', eventValue: 5 }),
      ]),
    );
  await expect(page.getByTestId('event-row').filter({ hasText: 'MovieRating' })).toContainText('= 5');

  await page.goBack();
  await expect(page).toHaveURL(/#\/$/);
  await expect
    .poll(async () => (await received()).filter((event) => event.eventType === 'PageView').length, { timeout: 10_000 })
    .toBe(3);
  expect(scriptTagRequests).toEqual([]); // the SPA uses the npm bundle, never the script-tag files
});

test('SPA: a click in its own recommendation strip, watched with watchRecommendations, carries the impression', async ({ page }) => {
  await page.goto(`${demo().spaUrl}#/movie/movie3`);
  await expect(page.getByTestId('recommendations')).toBeVisible();
  const shown = await page.getByTestId('recommendations').locator('[data-personalize-item-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-personalize-item-id')));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.getByTestId(`recommended-${shown[1]}`).click();
  await page.getByTestId('flush').click();
  await expect
    .poll(async () => (await receivedEvents()).find((event) => event.eventType === 'Click'), { timeout: 10_000 })
    .toMatchObject({ itemId: shown[1], recommendationId: 'demo-rec-movie3', impression: shown });
});

test('shop: a declarative recommendation click shows its recommendationId and impression in the panel; a declarative button lights its snippet', async ({ page }) => {
  await page.goto(demo().shopUrl);
  await page.getByTestId('movie-card-movie3').click();
  await expect(page.getByTestId('snippet-View')).toHaveAttribute('data-fired', '');
  // Declarative tracking starts with the sender chunk; the View's delivery shows that it has loaded.
  await expect(page.getByTestId('event-row').filter({ hasText: 'View' })).toHaveCount(1, { timeout: 15_000 });
  const strip = page.getByTestId('recommendations');
  await expect(strip).toHaveAttribute('data-personalize-recommendation-id', 'demo-rec-movie3');
  const shown = await strip.locator('[data-personalize-item-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-personalize-item-id')));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.getByTestId(`recommended-${shown[0]}`).click();

  const click = page.getByTestId('event-row').filter({ hasText: 'Click' });
  await expect(click).toHaveCount(1, { timeout: 10_000 });
  await expect(click.getByTestId('field-recommendationId')).toHaveText('demo-rec-movie3');
  await expect(click.getByTestId('field-impression')).toHaveText(JSON.stringify(shown));
  expect(await receivedEvents()).toContainEqual(expect.objectContaining({ eventType: 'Click', itemId: shown[0], recommendationId: 'demo-rec-movie3', impression: shown }));

  // The click opened the recommended movie; its watchlist button is plain markup, no code.
  await page.getByTestId(`watchlist-${shown[0]}`).click();
  await expect(page.getByTestId('snippet-AddToWatchlist')).toHaveAttribute('data-fired', '');
  await expect(page.getByTestId('snippet-AddToWatchlist')).toContainText(`data-personalize-event='AddToWatchlist' data-personalize-item-id='${shown[0]}'`);
  await expect(page.getByTestId('snippet-View')).not.toHaveAttribute('data-fired', '');
  const watchlist = page.getByTestId('event-row').filter({ hasText: 'AddToWatchlist' });
  await expect(watchlist).toHaveCount(1, { timeout: 10_000 });
  await expect(watchlist.getByTestId('field-properties')).toHaveText('{"list":"watchlist"}');

  // Each recommendation list has its own snippet; a click lights only its list's.
  await page.getByTestId('recommended-movie5').click();
  await expect(page.locator('.snippet[data-snippet-list="demo-rec-home"]')).toHaveAttribute('data-fired', '');
  await expect(page.getByTestId('snippet-AddToWatchlist')).not.toHaveAttribute('data-fired', '');
});

test('shop: opting out stops tracking and the snippet of the call lights; opting in resumes', async ({ page }) => {
  await page.goto(demo().shopUrl);
  await page.getByTestId('opt-out').click();
  await expect(page.locator('.snippet[data-snippet-call~="optOut"]')).toHaveAttribute('data-fired', '');
  await expect(page.getByTestId('consent-state')).toHaveText('Tracking: off');
  await page.getByTestId('movie-card-movie4').click();
  await page.getByTestId('opt-in').click();
  await expect(page.getByTestId('consent-state')).toHaveText('Tracking: on');
  await page.getByTestId('movie-card-movie5').click();
  await expect.poll(async () => (await received()).map((event) => event.itemId), { timeout: 10_000 }).toEqual(['movie5']);
});

test('shop in relay mode (?mode=relay): a rating goes through the demo server\'s relay, with no Cognito call and no AWS SDK in the page', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await page.goto(`${demo().shopUrl}?mode=relay`);
  await expect(page.getByTestId('mode')).toContainText('relay mode');
  await page.getByTestId('movie-card-movie3').click();
  await page.getByTestId('rate-movie3-4').click();
  await expect
    .poll(received, { timeout: 10_000, message: 'MovieRating delivered through the relay' })
    .toEqual(expect.arrayContaining([expect.objectContaining({ eventType: 'MovieRating', itemId: 'movie3', eventValue: 4 })]));
  await expect(page.getByTestId('event-panel').getByTestId('event-row').filter({ hasText: 'MovieRating' })).toHaveCount(1);
  const calls = (await (await fetch(`${demo().emulatorUrl}/__emulator/calls`)).json()) as Record<string, number>;
  expect(calls.GetId ?? 0, 'no Cognito call').toBe(0);
  expect(scripts).toContain('/dist/personalize-tracker-relay.js');
  expect(scripts).not.toContain('/dist/personalize-tracker-sender.js');
});
