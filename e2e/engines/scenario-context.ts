// What a scenario gets: its engine, a static server and an emulator of its own (a new origin per
// scenario, so no scenario sees another's IndexedDB queue or late keepalive requests), and helpers
// that drive the tracker page the same way in every engine.
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../src/emulator/credentials';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../../src/emulator/ids';
import { startEmulator } from '../../src/emulator/server';
import { createRelay } from '../../src/relay/create-relay';
import { EmulatorClient } from '../harness/emulator-client';
import { RELAY_PATH, startStaticServer, type StaticServer } from '../harness/static-server';
import { trackerPageUrl, type TrackerPageOptions } from '../harness/tracker-page';
import { warmUp } from './delivery-checks';
import type { Engine, Tab } from './driver';
import { describeTab } from './page-state';
import { waitUntil } from './wait';

/** The script tag's sender chunk, as the static server sees its path. */
export const SENDER_PATH = '/dist/personalize-tracker-sender.js';
const LOAD_TIMEOUT_MS = 10_000;

export interface ScenarioContext {
  engine: Engine;
  site: StaticServer;
  emulator: EmulatorClient;
  /** The tracker page for this scenario's emulator; `tag` tells pages apart in the URL. */
  trackerUrl(options?: TrackerPageOptions & { tag?: string }): string;
  /** A page of the same site without the tracker. */
  blankUrl: string;
  /** Opens a new tab on the tracker page and waits for the tracker file to load. */
  openTracker(options?: TrackerPageOptions & { tag?: string }): Promise<Tab>;
  /** Opens the tracker page and delivers one event `${prefix}-warm`: the sender is loaded and warm. */
  openWarm(prefix: string): Promise<Tab>;
  /** Loads the tracker page in `tab` and waits for the tracker file to load. */
  loadTracker(tab: Tab, options?: TrackerPageOptions & { tag?: string }): Promise<void>;
  /** A fact worth reporting (e.g. whether the page came back from the bfcache). */
  note(text: string): void;
  /** Ends the scenario as skipped: this engine's driver cannot do what it needs. */
  skip(reason: string): never;
  notes: string[];
}

export interface RunningScenario extends ScenarioContext {
  /** A line per open tab, for a failure report. */
  describeTabs(): Promise<string[]>;
  dispose(): Promise<void>;
}

/** Direct mode signs PutEvents in the page; relay mode posts to the site's own relay, which signs with the emulator's test key. */
export type Mode = 'direct' | 'relay';

export async function createScenarioContext(engine: Engine, mode: Mode = 'direct'): Promise<RunningScenario> {
  const emulatorServer = await startEmulator({ port: 0 });
  const relay =
    mode === 'relay'
      ? createRelay({ trackingId: DEMO_TRACKING_ID, region: DEMO_REGION, endpoint: emulatorServer.url, credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY } })
      : undefined;
  const site = await startStaticServer({ port: 0, relay });
  const setup = {
    trackingId: DEMO_TRACKING_ID,
    identityPoolId: DEMO_IDENTITY_POOL_ID,
    region: DEMO_REGION,
    endpoint: emulatorServer.url,
    cognitoEndpoint: emulatorServer.url,
    ...(mode === 'relay' ? { relayUrl: RELAY_PATH } : {}),
  };
  const tabs = new Set<Tab>();
  const notes: string[] = [];
  const trackerUrl = ({ tag, ...options }: TrackerPageOptions & { tag?: string } = {}) =>
    trackerPageUrl(site.url, setup, options) + (tag ? `&tag=${encodeURIComponent(tag)}` : '');
  const loadTracker = async (tab: Tab, options: TrackerPageOptions & { tag?: string } = {}) => {
    await tab.goto(trackerUrl(options));
    await waitUntil(() => tab.evaluate(() => (window as any).trackerLoaded.then(() => true)), LOAD_TIMEOUT_MS, 'the tracker file to load');
  };
  const emulator = new EmulatorClient(emulatorServer.url);
  const openTracker = async (options?: TrackerPageOptions & { tag?: string }) => {
    const tab = await engine.newTab();
    const close = tab.close.bind(tab);
    tab.close = () => (tabs.delete(tab), close());
    tabs.add(tab);
    await loadTracker(tab, options);
    return tab;
  };
  return {
    engine,
    site,
    emulator,
    trackerUrl,
    blankUrl: `${site.url}/e2e/pages/blank.html`,
    openTracker,
    async openWarm(prefix) {
      const tab = await openTracker();
      await warmUp(tab, emulator, `${prefix}-warm`);
      return tab;
    },
    loadTracker,
    note: (text) => notes.push(text),
    skip(reason) {
      throw new Skipped(reason);
    },
    notes,
    describeTabs: () => Promise.all([...tabs].map(describeTab)),
    async dispose() {
      for (const tab of tabs) await tab.close().catch(() => undefined);
      await site.close();
      await emulatorServer.close();
    },
  };
}

/** Thrown by skip(). */
export class Skipped extends Error {}

/** One scenario, run in every engine with the same code. */
export interface Scenario {
  /** A letter, as in issue 9's list. */
  id: string;
  title: string;
  /** The whole scenario, setup included. */
  timeoutMs: number;
  run(context: ScenarioContext): Promise<void>;
}
