// Issue 9's "none twice" cases: a page hidden or cached while a pass is sending, and a warm page
// left for the next page of the shop, whose sweep must not send again what left with keepalive.
import { cameBack, expectDeliveredOnce, itemIds, trackAndLeave, trackItems, watchRestore } from './delivery-checks';
import type { Scenario } from './scenario-context';

const PASS_EVENTS = 200; // 20 requests: a pass that lasts while the page is hidden or cached
const PASS_LATENCY_MS = 300; // per PutEvents answer, so that the pass is still running
const TAB_SWITCH_MS = 300; // a shopper glancing at another tab
const CACHED_MS = 1_500; // on the next page before coming back
const ORPHAN_SWEEP_SETTLE_MS = 12_000; // longer than the 10 s orphan grace: copies from a later sweep would have arrived

export const PASS_SCENARIOS: Scenario[] = [
  {
    id: 'l',
    title: `tab switch during a pass of ${PASS_EVENTS} events: hidden for ${TAB_SWITCH_MS} ms, 0 copies`,
    timeoutMs: 40_000,
    async run({ engine, openWarm, emulator, skip }) {
      const tab = await openWarm('l');
      await emulator.faults({ latencyMs: PASS_LATENCY_MS });
      await trackItems(tab, itemIds('l', PASS_EVENTS));
      const other = await engine.newTab(); // hides the first tab where the engine runs tabs in one window
      const hidden = await tab.evaluate(() => document.visibilityState === 'hidden');
      await new Promise((done) => setTimeout(done, TAB_SWITCH_MS));
      await other.close();
      if (!hidden) skip('a new tab of this driver does not hide the others');
      await expectDeliveredOnce(emulator, ['l-warm', ...itemIds('l', PASS_EVENTS)], 30_000);
    },
  },
  {
    id: 'm',
    title: `bfcache during a pass of ${PASS_EVENTS} events: left for ${CACHED_MS} ms and restored, 0 copies`,
    timeoutMs: 45_000,
    async run({ openWarm, emulator, blankUrl, skip }) {
      const tab = await openWarm('m');
      await watchRestore(tab);
      await emulator.faults({ latencyMs: PASS_LATENCY_MS });
      await trackItems(tab, itemIds('m', PASS_EVENTS));
      await tab.goto(blankUrl);
      await new Promise((done) => setTimeout(done, CACHED_MS));
      await tab.back();
      if (!(await cameBack(tab))) skip('the engine did not restore the page from the bfcache');
      await expectDeliveredOnce(emulator, ['m-warm', ...itemIds('m', PASS_EVENTS)], 30_000);
    },
  },
  {
    id: 'n',
    title: 'warm page left for the next tracker page: 5/5 on the way out, 0 copies from the next page\'s sweep',
    timeoutMs: 40_000,
    async run({ openWarm, trackerUrl, emulator }) {
      const tab = await openWarm('n');
      await trackAndLeave(tab, trackerUrl({ tag: 'next' }), itemIds('n', 5));
      await expectDeliveredOnce(emulator, ['n-warm', ...itemIds('n', 5)], 5_000, ORPHAN_SWEEP_SETTLE_MS);
    },
  },
];
