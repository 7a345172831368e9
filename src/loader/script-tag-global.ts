// The script-tag entry: a classic script (works with <script async>) that defines
// window.personalize, replays calls queued by the inline stub in order, and reads its config
// from the documented data- attributes only, each parsed to its type. The sender chunk is imported
// from beside this file's own URL, so the tracker works from any path or CDN. An inlined copy has
// no URL of its own: it needs `senderUrl`, since a page-relative path could run whatever the site
// serves beside the page.
import { createTrackerWith } from './tracker';
import type { Tracker, TrackerConfig } from '../types';

type StubCall = [method: keyof Tracker, args: unknown[]];
type GlobalApi = Tracker & { q?: StubCall[] };

const SENDER_FILE = 'personalize-tracker-sender.js';
const GLOBAL_NAME = 'personalize';
/** The data- attributes read (README, Script tag): strings, then booleans (true unless "false"). */
const STRING_OPTIONS = 'trackingId identityPoolId region endpoint cognitoEndpoint senderUrl declarativeRoot declarativeEvents'.split(' ');
const BOOLEAN_OPTIONS = ['debug', 'respectDoNotTrack'];

const script = document.currentScript as HTMLScriptElement | null; // only set while this file first runs
const ownUrl = script?.src; // empty when inlined
const tracker = createTrackerWith(async (config) => import(/* webpackIgnore: true */ config?.senderUrl || `${new URL(SENDER_FILE, ownUrl)}`));
const { init } = tracker;
tracker.init = (config) => {
  if (!ownUrl && !config?.senderUrl) throw new TypeError('init(): senderUrl is required when the tracker is inlined');
  init(config);
};

const target = window as unknown as Record<string, GlobalApi | undefined>;
const stub = target[GLOBAL_NAME];
target[GLOBAL_NAME] = tracker;

const data = script?.dataset ?? {};
const config: Record<string, unknown> = {};
for (const key of Object.keys(data)) {
  if (STRING_OPTIONS.includes(key)) config[key] = data[key];
  else if (BOOLEAN_OPTIONS.includes(key)) config[key] = data[key] !== 'false';
  else console.warn(`personalize-tracker: ignored unknown data-${key.replace(/[A-Z]/g, '-$&').toLowerCase()}`);
}
if (config.trackingId) tracker.init(config as unknown as TrackerConfig); // throws, loudly, when a required attribute is missing

for (const [method, args] of stub?.q ?? []) {
  try {
    (tracker[method] as (...values: unknown[]) => unknown)(...args);
  } catch (error) {
    console.error(error); // a bad call made before load cannot throw at its caller any more
  }
}
