// Issue 9's core delivery scenarios: normal path, revisit after an outage, two tabs, offline then
// online, back/forward cache. Each asserts what the emulator received.
import assert from 'node:assert/strict';
import { cameBack, expectDeliveredOnce, itemIds, trackItems, watchRestore } from './delivery-checks';
import type { Scenario } from './scenario-context';

const OUTAGE_ANSWERS = 1_000; // every PutEvents of the outage fails

export const CORE_SCENARIOS: Scenario[] = [
  {
    id: 'a',
    title: 'normal path: 25 events, batches of at most 10, one session per request',
    timeoutMs: 20_000,
    async run({ openTracker, emulator }) {
      const tab = await openTracker();
      await trackItems(tab, itemIds('a', 25));
      await expectDeliveredOnce(emulator, itemIds('a', 25), 10_000);
    },
  },
  {
    id: 'd',
    title: 'revisit after an outage: tracked while the service fails (503), page closed, delivered once by the next visit',
    timeoutMs: 30_000,
    async run({ openWarm, openTracker, emulator }) {
      const tab = await openWarm('d');
      // A 503 rather than `down`: refused attempts are logged, so the test knows they were made (a
      // request dropped while down is not, and a late keepalive send could arrive after the outage).
      await emulator.faults({ fail: { count: OUTAGE_ANSWERS, error: 'ServiceUnavailable' } });
      await trackItems(tab, itemIds('d', 5));
      await tab.evaluate(() => (window as any).personalize.flush().then(() => true));
      const refused = (await emulator.requests()).filter((request) => request.status === 503).flatMap((request) => request.eventIds);
      assert.ok(refused.length >= 5, 'the events were tried during the outage');
      await tab.close();
      await emulator.reset(); // the outage ends; the log starts again empty
      await openTracker({ tag: 'revisit' });
      await expectDeliveredOnce(emulator, itemIds('d', 5), 20_000);
    },
  },
  {
    id: 'e',
    title: 'two tabs: a session each, nothing twice',
    timeoutMs: 20_000,
    async run({ openTracker, emulator }) {
      const tabs = [await openTracker({ tag: 'one' }), await openTracker({ tag: 'two' })];
      await Promise.all(tabs.map((tab, i) => trackItems(tab, itemIds(`e${i}`, 5))));
      await Promise.all(tabs.map((tab) => tab.evaluate(() => (window as any).personalize.flush().then(() => true))));
      const events = await expectDeliveredOnce(emulator, [...itemIds('e0', 5), ...itemIds('e1', 5)], 10_000);
      const sessions = [0, 1].map((i) => new Set(events.filter((event) => event.itemId!.startsWith(`e${i}-`)).map((event) => event.sessionId)));
      assert.deepEqual(sessions.map((set) => set.size), [1, 1], 'each tab has one session');
      assert.notEqual([...sessions[0]!][0], [...sessions[1]!][0], 'the tabs have different sessions');
    },
  },
  {
    id: 'f',
    title: 'offline then online (the emulator `down` where the driver cannot take the network away)',
    timeoutMs: 30_000,
    async run({ engine, openWarm, emulator, note }) {
      const tab = await openWarm('f');
      const setOffline = engine.offline ? (offline: boolean) => engine.setOffline(offline) : (down: boolean) => emulator.faults({ down });
      note(engine.offline ? 'offline emulated by the driver' : 'no offline emulation in this driver: emulator down instead');
      await setOffline(true);
      await trackItems(tab, itemIds('f', 5));
      await tab.evaluate(() => (window as any).personalize.flush().then(() => true));
      assert.equal((await emulator.events()).length, 1, 'nothing arrives while offline');
      await setOffline(false);
      await expectDeliveredOnce(emulator, ['f-warm', ...itemIds('f', 5)], 20_000);
    },
  },
  {
    id: 'g',
    title: 'back/forward cache: left right after tracking, back again, tracking on; nothing lost or twice',
    timeoutMs: 30_000,
    async run({ openWarm, emulator, blankUrl, note }) {
      const tab = await openWarm('g');
      await watchRestore(tab);
      await trackItems(tab, itemIds('g', 3));
      await tab.goto(blankUrl);
      await tab.back();
      note((await cameBack(tab)) ? 'restored from the bfcache' : 'not restored from the bfcache: the page loaded again');
      await trackItems(tab, ['g-after']);
      await tab.evaluate(() => (window as any).personalize.flush().then(() => true));
      await expectDeliveredOnce(emulator, ['g-warm', ...itemIds('g', 3), 'g-after'], 15_000);
    },
  },
];
