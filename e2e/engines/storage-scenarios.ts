// The corners of storage: a widget's iframe removed right after it tracked, a localStorage filled
// to its quota by another script, a database of ours that another script created first, IndexedDB
// unusable, and the shop deleting our database. In each, every event arrives once.
import assert from 'node:assert/strict';
import { expectDeliveredOnce, itemIds, trackAndLeave, trackItems } from './delivery-checks';
import type { Tab } from './driver';
import { SENDER_PATH, type Scenario } from './scenario-context';
import { waitUntil } from './wait';

const DELIVERY_MS = 5_000;
const AFTER_OUTAGE_MS = 20_000; // the backoff of a few failed tries may still be running
const SLOW_ANSWER_MS = 2_000; // longer than a page change: the leaving page never sees its answer

/** Fills the origin's localStorage to its quota, as a big cart cache or another analytics tool may. */
const fillLocalStorage = (tab: Tab) =>
  tab.evaluate(() => {
    let size = 1 << 20;
    let index = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`filler-${index}`, 'x'.repeat(size));
        index++;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return index;
  });

/** Removes the filler: Firefox counts the quota per host, so it would fill the next scenario's origin too. */
const emptyLocalStorage = (tab: Tab) =>
  tab.evaluate(() => {
    for (const name of Object.keys(localStorage)) if (name.startsWith('filler-')) localStorage.removeItem(name);
    return true;
  });

/** The codes of the errors the page's onError received. */
const errorsOf = (tab: Tab) => tab.evaluate(() => ((window as any).trackerErrors as { code: string; message: string }[]).map(({ code, message }) => ({ code, message })));

/** Waits for the page's single `storage-unavailable` report and checks it names `expected`. */
async function expectOneStorageReport(tab: Tab, expected: RegExp): Promise<void> {
  await waitUntil(async () => (await errorsOf(tab)).some((error) => error.code === 'storage-unavailable'), DELIVERY_MS, 'a storage-unavailable report');
  const reports = (await errorsOf(tab)).filter((error) => error.code === 'storage-unavailable');
  assert.equal(reports.length, 1, `one storage report, got ${JSON.stringify(reports)}`);
  assert.match(reports[0]!.message, expected);
}

/** Adds a same-origin iframe of the tracker page to `tab` and delivers one event from it. */
async function addWarmWidget(tab: Tab, url: string, itemId: string): Promise<void> {
  await tab.evaluate(
    ({ url, itemId }: { url: string; itemId: string }) =>
      new Promise<boolean>((done, fail) => {
        const frame = document.createElement('iframe');
        frame.id = 'widget';
        frame.src = url;
        frame.onload = async () => {
          const widget = frame.contentWindow as any;
          await widget.trackerLoaded;
          widget.personalize.track('View', { itemId });
          widget.personalize.flush().then(() => done(true), fail);
        };
        document.body.append(frame);
      }),
    { url, itemId },
  );
}

export const STORAGE_SCENARIOS: Scenario[] = [
  {
    id: 'storage-a',
    title: 'a widget iframe tracks 10 events and is removed in the same task: the top page delivers them',
    timeoutMs: 30_000,
    async run({ openWarm, emulator, trackerUrl }) {
      const tab = await openWarm('storage-a');
      await addWarmWidget(tab, trackerUrl({ tag: 'widget' }), 'storage-a-widget');
      await tab.evaluate((items: string[]) => {
        const frame = document.getElementById('widget') as HTMLIFrameElement;
        for (const itemId of items) (frame.contentWindow as any).personalize.track('View', { itemId });
        frame.remove();
      }, itemIds('storage-a', 10));
      await expectDeliveredOnce(emulator, ['storage-a-warm', 'storage-a-widget', ...itemIds('storage-a', 10)], DELIVERY_MS);
    },
  },
  {
    id: 'storage-b',
    title: 'a widget iframe with events in flight is removed: they are delivered once',
    timeoutMs: 30_000,
    async run({ openWarm, emulator, trackerUrl }) {
      const tab = await openWarm('storage-b');
      await addWarmWidget(tab, trackerUrl({ tag: 'widget' }), 'storage-b-widget');
      await emulator.faults({ latencyMs: SLOW_ANSWER_MS });
      await tab.evaluate((items: string[]) => {
        const frame = document.getElementById('widget') as HTMLIFrameElement;
        for (const itemId of items) (frame.contentWindow as any).personalize.track('View', { itemId });
        setTimeout(() => frame.remove(), 200); // the sends have started
      }, itemIds('storage-b', 10));
      await expectDeliveredOnce(emulator, ['storage-b-warm', 'storage-b-widget', ...itemIds('storage-b', 10)], DELIVERY_MS + SLOW_ANSWER_MS, SLOW_ANSWER_MS + 1_000);
    },
  },
  {
    id: 'storage-c',
    title: 'localStorage full: 5 events tracked in the same task as a navigation, before the sender loaded, arrive once',
    timeoutMs: 30_000,
    async run({ openTracker, loadTracker, site, emulator, trackerUrl }) {
      const release = site.holdBack(SENDER_PATH);
      const tab = await openTracker();
      try {
        await fillLocalStorage(tab);
        await trackAndLeave(tab, trackerUrl({ tag: 'next' }), itemIds('storage-c', 5));
        await waitUntil(() => tab.evaluate(() => location.search.includes('tag=next') && (window as any).trackerLoaded.then(() => true)), 10_000, 'the next page');
        release();
        await expectDeliveredOnce(emulator, itemIds('storage-c', 5), DELIVERY_MS);
        await expectOneStorageReport(tab, /localStorage is full/);
      } finally {
        release();
        await loadTracker(tab, { tag: 'cleanup' }).catch(() => undefined);
        await emptyLocalStorage(tab);
      }
    },
  },
  {
    id: 'storage-d',
    title: 'localStorage full on a warm page: 5 events sent as it navigates are not sent again by the next page',
    timeoutMs: 30_000,
    async run({ openWarm, emulator, trackerUrl, loadTracker }) {
      const tab = await openWarm('storage-d');
      try {
        await fillLocalStorage(tab);
        await emulator.faults({ latencyMs: SLOW_ANSWER_MS });
        await trackAndLeave(tab, trackerUrl({ tag: 'next' }), itemIds('storage-d', 5));
        await expectDeliveredOnce(emulator, ['storage-d-warm', ...itemIds('storage-d', 5)], DELIVERY_MS + SLOW_ANSWER_MS, SLOW_ANSWER_MS + 2_000);
        await expectOneStorageReport(tab, /localStorage is full/);
      } finally {
        await loadTracker(tab, { tag: 'cleanup' }).catch(() => undefined);
        await emptyLocalStorage(tab);
      }
    },
  },
  {
    id: 'storage-e',
    title: "another script's database under our name: 10 events waiting across a page change arrive once, the error names it",
    timeoutMs: 30_000,
    async run({ engine, openTracker, loadTracker, site, emulator, blankUrl }) {
      const setup = await engine.newTab();
      await setup.goto(blankUrl);
      await setup.evaluate(
        () =>
          new Promise<boolean>((done, fail) => {
            const request = indexedDB.open('personalize-tracker', 3);
            request.onupgradeneeded = () => request.result.createObjectStore('their-own');
            request.onsuccess = () => {
              request.result.close();
              done(true);
            };
            request.onerror = () => fail(request.error);
          }),
      );
      await setup.close();
      const release = site.holdBack(SENDER_PATH);
      const tab = await openTracker();
      await trackItems(tab, itemIds('storage-e', 10));
      await tab.goto(blankUrl);
      release();
      await loadTracker(tab, { tag: 'next' });
      await expectDeliveredOnce(emulator, itemIds('storage-e', 10), DELIVERY_MS);
      await expectOneStorageReport(tab, /has no "events" store \(another script created it\)/);
    },
  },
  {
    id: 'storage-f',
    title: 'IndexedDB unusable: 10 events waiting across a page change arrive once, the error says so',
    timeoutMs: 30_000,
    async run({ openWarm, loadTracker, emulator, trackerUrl }) {
      const tab = await openWarm('storage-f');
      await loadTracker(tab, { noIndexedDb: true });
      await emulator.faults({ down: true });
      await trackItems(tab, itemIds('storage-f', 10));
      // Waiting: their send failed in this page, so they are not taken for sent when it leaves.
      await waitUntil(async () => (await errorsOf(tab)).some((error) => error.code === 'delivery-failed'), DELIVERY_MS, 'a failed send');
      await trackAndLeave(tab, trackerUrl({ tag: 'next', noIndexedDb: true }), []);
      await waitUntil(() => tab.evaluate(() => location.search.includes('tag=next') && (window as any).trackerLoaded.then(() => true)), 10_000, 'the next page');
      await emulator.faults({ down: false });
      await tab.evaluate(() => (window as any).personalize.flush().then(() => true));
      await expectDeliveredOnce(emulator, ['storage-f-warm', ...itemIds('storage-f', 10)], AFTER_OUTAGE_MS);
      await expectOneStorageReport(tab, /IndexedDB failed \(InvalidStateError/);
    },
  },
  {
    id: 'storage-g',
    title: "the shop deletes the tracker's database on a warm page: it is deleted at once, and later events still arrive once",
    timeoutMs: 30_000,
    async run({ openWarm, emulator }) {
      const tab = await openWarm('storage-g');
      await trackItems(tab, itemIds('storage-g', 3));
      await expectDeliveredOnce(emulator, ['storage-g-warm', ...itemIds('storage-g', 3)], DELIVERY_MS, 0);
      const outcome = await tab.evaluate(
        () =>
          new Promise<string>((done) => {
            const request = indexedDB.deleteDatabase('personalize-tracker');
            request.onsuccess = () => done('deleted');
            request.onerror = () => done(`error ${request.error}`);
            setTimeout(() => done('still blocked after 3 s'), 3_000);
          }),
      );
      assert.equal(outcome, 'deleted');
      await trackItems(tab, itemIds('storage-g-after', 3));
      await expectDeliveredOnce(emulator, ['storage-g-warm', ...itemIds('storage-g', 3), ...itemIds('storage-g-after', 3)], DELIVERY_MS);
      assert.deepEqual((await errorsOf(tab)).filter((error) => error.code === 'storage-unavailable'), [], 'nothing was at risk');
    },
  },
];
