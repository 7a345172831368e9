// Issue 9's page-exit scenarios: what a page tracked in its last moment reaches the service, in
// every engine, without waiting for a next visit.
import { expectDeliveredOnce, itemIds, trackAndLeave, trackItems } from './delivery-checks';
import { SENDER_PATH, type Scenario } from './scenario-context';
import { waitUntil } from './wait';

const EXIT_DELIVERY_MS = 5_000; // "within a few seconds of leaving"
const NEXT_PAGE_DELIVERY_MS = 3_000; // a gone page's events, from the next page's load
const SAME_TASK_TRIES = 20;

export const EXIT_SCENARIOS: Scenario[] = [
  {
    id: 'b',
    title: 'tab close after warm delivery: 7 events, closed at once, no revisit',
    timeoutMs: 20_000,
    async run({ openWarm, emulator }) {
      const tab = await openWarm('b');
      await trackItems(tab, itemIds('b', 7));
      await tab.close();
      await expectDeliveredOnce(emulator, ['b-warm', ...itemIds('b', 7)], EXIT_DELIVERY_MS);
    },
  },
  {
    id: 'c',
    title: 'navigation to a page without the tracker: 5 events tracked in the same task as the navigation',
    timeoutMs: 20_000,
    async run({ openWarm, emulator, blankUrl }) {
      const tab = await openWarm('c');
      await trackAndLeave(tab, blankUrl, itemIds('c', 5));
      await expectDeliveredOnce(emulator, ['c-warm', ...itemIds('c', 5)], EXIT_DELIVERY_MS);
    },
  },
  {
    id: 'h',
    title: 'exit-path proof: an event tracked in a pagehide handler, and one right before leaving, are delivered',
    timeoutMs: 20_000,
    async run({ openWarm, emulator, blankUrl }) {
      const tab = await openWarm('h');
      // Capture phase: runs before the sender's own pagehide listener on window. Left by navigation:
      // Firefox may drop a second keepalive request of a closing tab (see firefox.ts), and b closes one.
      await tab.evaluate(() => addEventListener('pagehide', () => (window as any).personalize.track('View', { itemId: 'h-pagehide' }), { capture: true }));
      await trackItems(tab, ['h-before-leaving']);
      await tab.goto(blankUrl);
      await expectDeliveredOnce(emulator, ['h-warm', 'h-before-leaving', 'h-pagehide'], EXIT_DELIVERY_MS);
    },
  },
  {
    id: 'i',
    title: `track() in the same task as a navigation, sender not loaded yet: ${SAME_TASK_TRIES} of ${SAME_TASK_TRIES} tries delivered`,
    timeoutMs: 60_000,
    async run({ openTracker, site, trackerUrl, emulator }) {
      const release = site.holdBack(SENDER_PATH);
      const tab = await openTracker({ tag: 'try-0' });
      for (let attempt = 1; attempt <= SAME_TASK_TRIES; attempt++) {
        const next = trackerUrl({ tag: `try-${attempt}` });
        await trackAndLeave(tab, next, [`i-${attempt - 1}`]);
        await waitUntil(
          () => tab.evaluate((tag: string) => location.search.endsWith(`tag=${tag}`) && (window as any).trackerLoaded.then(() => true), `try-${attempt}`),
          10_000,
          `page ${attempt}`,
        );
      }
      release(); // the last page loads its sender and sends what the earlier pages left
      await expectDeliveredOnce(emulator, itemIds('i', SAME_TASK_TRIES), 20_000);
    },
  },
  {
    id: 'j',
    title: `a page left before its sender loaded: the next page delivers its events within ${NEXT_PAGE_DELIVERY_MS / 1000} s of its load`,
    timeoutMs: 30_000,
    async run({ openTracker, loadTracker, site, emulator, blankUrl }) {
      const release = site.holdBack(SENDER_PATH);
      const tab = await openTracker();
      await trackItems(tab, itemIds('j', 5));
      await tab.goto(blankUrl);
      release();
      await loadTracker(tab, { tag: 'next' });
      await expectDeliveredOnce(emulator, itemIds('j', 5), NEXT_PAGE_DELIVERY_MS);
    },
  },
  {
    id: 'k',
    title: 'the sender chunk fails to load twice: the events tracked at load go out once it loads, with no page trigger',
    timeoutMs: 40_000,
    async run({ openTracker, site, emulator }) {
      site.failNext(SENDER_PATH, 2);
      const tab = await openTracker();
      await trackItems(tab, itemIds('k', 5));
      await expectDeliveredOnce(emulator, itemIds('k', 5), 20_000);
    },
  },
];
