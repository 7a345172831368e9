// Opens e2e/pages/tracker.html configured for this worker's emulator, and reads what the page saw.
import type { Page } from '@playwright/test';
import type { TrackerSetup } from './fixtures';

export interface TrackerPageOptions {
  /** Configure through data- attributes instead of init(). */
  initByData?: boolean;
  /** Hold the tracker file back this long. */
  delayMs?: number;
  /** Load the tracker file only when the test calls window.loadTracker(). */
  manualLoad?: boolean;
  /** Wait for the tracker file to load. Default: true unless manualLoad. */
  waitForLoad?: boolean;
  /** More attributes of the tracker's script tag, e.g. `{ 'data-debug': '' }`. */
  attributes?: Record<string, string>;
  /** Other init() options, e.g. `{ maxQueueLength: 5 }`. */
  config?: Record<string, unknown>;
  /** Overrides of the emulator setup, e.g. an unknown trackingId. */
  setup?: Partial<TrackerSetup>;
  /** Make IndexedDB unusable on the page (its getter throws). */
  noIndexedDb?: boolean;
  /** The page's clock this far ahead of true time (negative: behind) from the start; window.shiftClock(ms) changes it later. */
  clockShiftMs?: number;
}

export function trackerPageUrl(siteUrl: string, baseSetup: TrackerSetup, options: TrackerPageOptions = {}): string {
  const setup = { ...baseSetup, ...options.setup };
  const params = new URLSearchParams(
    setup.relayUrl
      ? { 'relay-url': setup.relayUrl }
      : { 'tracking-id': setup.trackingId, 'identity-pool-id': setup.identityPoolId, region: setup.region, endpoint: setup.endpoint, 'cognito-endpoint': setup.cognitoEndpoint },
  );
  if (options.initByData) params.set('init', 'data');
  if (options.delayMs) params.set('delay', String(options.delayMs));
  if (options.manualLoad) params.set('load', 'manual');
  if (options.config) params.set('config', JSON.stringify(options.config));
  if (options.attributes) params.set('attributes', JSON.stringify(options.attributes));
  if (options.noIndexedDb) params.set('no-indexeddb', '');
  if (options.clockShiftMs !== undefined) params.set('clock-shift', String(options.clockShiftMs));
  return `${siteUrl}/e2e/pages/tracker.html?${params}`;
}

export async function openTrackerPage(page: Page, siteUrl: string, setup: TrackerSetup, options: TrackerPageOptions = {}) {
  await page.goto(trackerPageUrl(siteUrl, setup, options));
  if (options.waitForLoad ?? !options.manualLoad) await page.evaluate(() => (window as any).trackerLoaded);
}

/** The errors the page's onError received. */
export function trackerErrors(page: Page): Promise<{ code: string; message: string; event?: unknown }[]> {
  return page.evaluate(() => (window as any).trackerErrors);
}

/** The localStorage key the pages of an origin share Cognito's credentials under (src/sender/shared-credentials.ts). */
export const CREDENTIALS_KEY = 'personalize-tracker:credentials';

/** The page's shared Cognito credentials as stored, or null. */
export function sharedCredentials(page: Page): Promise<{ identityId: string; accessKeyId?: string; expiration?: number } | null> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), CREDENTIALS_KEY);
}

/** Resolves once the sender chunk runs (a flush loads it) and the page holds fresh Cognito credentials. */
export async function warmSender(page: Page): Promise<void> {
  await flush(page);
  await page.waitForFunction((key) => (JSON.parse(localStorage.getItem(key) ?? '{}').expiration ?? 0) > Date.now(), CREDENTIALS_KEY);
}

/** The records in the tracker's IndexedDB store, read with the raw IndexedDB API. */
export function storedRecords(page: Page): Promise<{ key: string; trackingId: string; event: { itemId?: string } }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('personalize-tracker');
        let created = false;
        open.onupgradeneeded = () => {
          created = true; // the tracker never stored anything: do not leave an empty database behind
          open.transaction!.abort();
        };
        open.onerror = () => (created ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('events')) return resolve([]);
          const request = database.transaction('events').objectStore('events').getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Asks the page's tracker to flush and waits for the pass to settle. */
export const flush = (page: Page) => page.evaluate(() => (window as any).personalize.flush());

/** Tracks `count` events with itemIds `${prefix}-${i}` in one synchronous burst. */
export function trackBurst(page: Page, prefix: string, count: number, eventType = 'View'): Promise<void> {
  return page.evaluate(
    ({ prefix, count, eventType }) => {
      for (let i = 0; i < count; i++) (window as any).personalize.track(eventType, { itemId: `${prefix}-${i}` });
    },
    { prefix, count, eventType },
  );
}
