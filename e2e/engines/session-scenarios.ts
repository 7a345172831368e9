// A session per tab, also for a tab whose sessionStorage is a copy of another's: window.open()
// copies the opener's sessionStorage in all three engines (measured: a key written before the call
// is there in the new window, one written after it is not). "Duplicate tab" copies it too, but no
// driver here can duplicate a tab. The opened window is driven through the handle window.open()
// returned, which is same-origin: the opener evaluates code in it.
import assert from 'node:assert/strict';
import { callExpression, type Tab } from './driver';
import { expectDeliveredOnce, itemIds, trackItems, warmUp } from './delivery-checks';
import { SENDER_PATH, type Scenario, type ScenarioContext } from './scenario-context';
import { waitUntil } from './wait';

const LOAD_TIMEOUT_MS = 10_000;
const DELIVERY_MS = 10_000;

/** Opens `url` with window.open() from `opener`'s page and waits for the tracker file to load there. */
async function openFrom(opener: Tab, url: string, tag: string): Promise<Tab> {
  const opened = await opener.evaluate((target: string) => {
    (window as any).opened = window.open(target, 'copy');
    return (window as any).opened !== null;
  }, url);
  if (!opened) throw new Error('window.open() returned null (popup blocked)');
  const tab: Tab = {
    goto: async (next) => {
      await opener.evaluate((target: string) => void ((window as any).opened.location.href = target), next);
      await waitForTracker(tab, next.slice(next.indexOf('?')));
    },
    // Evaluated in the opened window: its own eval, so the code runs in its global.
    evaluate: (fn, arg) => opener.evaluate((source: string) => (window as any).opened.eval(source), callExpression(fn, arg)),
    back: () => tab.evaluate(() => history.back()),
    forward: () => tab.evaluate(() => history.forward()),
    close: () => opener.evaluate(() => (window as any).opened.close()),
  };
  await waitForTracker(tab, `tag=${tag}`);
  return tab;
}

/** Waits until the tab shows a page whose query string ends with `search` and whose tracker file has loaded. */
const waitForTracker = (tab: Tab, search: string) =>
  waitUntil(
    () => tab.evaluate((end: string) => location.search.endsWith(end) && document.readyState === 'complete' && (window as any).trackerLoaded.then(() => true), search),
    LOAD_TIMEOUT_MS,
    `the page ${search} to load`,
  );

/** The session id the tab's page has in sessionStorage. */
const storedSession = (tab: Tab) => tab.evaluate(() => sessionStorage.getItem('personalize-tracker:session'));

/** The one session id each group of itemIds arrived with; fails if a group arrived with more than one. */
function sessionsOf(events: { itemId?: string; sessionId: string }[], groups: Record<string, string[]>): Record<string, string> {
  const sessions: Record<string, string> = {};
  for (const [name, ids] of Object.entries(groups)) {
    const seen = new Set(events.filter((event) => ids.includes(event.itemId ?? '')).map((event) => event.sessionId));
    assert.equal(seen.size, 1, `the ${name} events arrived with ${seen.size} sessions: ${[...seen].join(', ')}`);
    sessions[name] = [...seen][0]!;
  }
  return sessions;
}

/** A warm opener that tracked `before` events (delivered). */
async function warmOpener({ openWarm, emulator }: ScenarioContext, prefix: string, before: string[]): Promise<Tab> {
  const opener = await openWarm(prefix);
  await trackItems(opener, before);
  await opener.evaluate(() => (window as any).personalize.flush().then(() => true));
  await expectArrived(emulator, before);
  return opener;
}

const expectArrived = (emulator: ScenarioContext['emulator'], ids: string[]) =>
  waitUntil(async () => {
    const seen = new Set((await emulator.events()).map((event) => event.itemId));
    return ids.every((id) => seen.has(id));
  }, DELIVERY_MS, `${ids.join(', ')} to arrive`);

/** Reloads the page (location.reload()) and waits for its tracker file to load again. */
async function reload(tab: Tab): Promise<void> {
  await tab.evaluate(() => {
    (window as any).beforeReload = true;
    location.reload();
  });
  await waitUntil(
    () => tab.evaluate(() => !(window as any).beforeReload && document.readyState === 'complete' && (window as any).trackerLoaded.then(() => true)),
    LOAD_TIMEOUT_MS,
    'the page to reload',
  );
}

export const SESSION_SCENARIOS: Scenario[] = [
  {
    id: 'session-a',
    title: 'window.open() copies the session: opener and copy each report their own, every event once with its tab\'s session',
    timeoutMs: 40_000,
    async run(context) {
      const { site, emulator } = context;
      const before = itemIds('sa-opener-before', 3);
      const opener = await warmOpener(context, 'sa', before);
      // The copy's sender is held back: its first events are stamped before it can tell it is a copy.
      const release = site.holdBack(SENDER_PATH);
      let copy: Tab | undefined;
      try {
        copy = await openFrom(opener, context.trackerUrl({ tag: 'copy' }), 'copy');
        const copyEarly = itemIds('sa-copy-early', 5);
        await trackItems(copy, copyEarly);
        const openerAfter = itemIds('sa-opener-after', 3);
        await trackItems(opener, openerAfter);
        release();
        await copy.evaluate(() => (window as any).personalize.flush().then(() => true));
        const copyLate = itemIds('sa-copy-late', 2);
        await trackItems(copy, copyLate);
        const events = await expectDeliveredOnce(emulator, ['sa-warm', ...before, ...openerAfter, ...copyEarly, ...copyLate], DELIVERY_MS);
        const sessions = sessionsOf(events, { opener: ['sa-warm', ...before, ...openerAfter], copy: [...copyEarly, ...copyLate] });
        assert.notEqual(sessions.copy, sessions.opener, 'the copy reports a session of its own');
        assert.equal(await storedSession(opener), sessions.opener, 'the opener keeps its session');
        assert.equal(await storedSession(copy), sessions.copy, 'the copy keeps its new session in sessionStorage');
      } finally {
        release();
        await copy?.close().catch(() => undefined);
      }
    },
  },
  {
    id: 'session-b',
    title: 'a reload keeps the session: the copy and then the opener reloaded, each still in its own, every event once',
    timeoutMs: 40_000,
    async run(context) {
      const { emulator, trackerUrl } = context;
      const before = itemIds('sb-opener-before', 2);
      const opener = await warmOpener(context, 'sb', before);
      const copy = await openFrom(opener, trackerUrl({ tag: 'copy' }), 'copy');
      try {
        await warmUp(copy, emulator, 'sb-copy-warm');
        // Each reloaded page tracks and flushes at once: its sender starts right after load.
        await reload(copy);
        await trackItems(copy, itemIds('sb-copy-reloaded', 3));
        await copy.evaluate(() => (window as any).personalize.flush().then(() => true));
        await opener.goto(await opener.evaluate(() => location.href)); // the copy lives on in its window
        await trackItems(opener, itemIds('sb-opener-reloaded', 3));
        await opener.evaluate(() => (window as any).personalize.flush().then(() => true));
        const openerIds = ['sb-warm', ...before, ...itemIds('sb-opener-reloaded', 3)];
        const copyIds = ['sb-copy-warm', ...itemIds('sb-copy-reloaded', 3)];
        const events = await expectDeliveredOnce(emulator, [...openerIds, ...copyIds], DELIVERY_MS);
        const sessions = sessionsOf(events, { opener: openerIds, copy: copyIds });
        assert.notEqual(sessions.copy, sessions.opener, 'the copy reports a session of its own');
      } finally {
        // The opener's new page finds the copy again by its window name.
        await opener.evaluate(() => window.open('', 'copy')?.close()).catch(() => undefined);
      }
    },
  },
];
