// The script-tag entry: a classic script (works with <script async>) that defines
// window.personalize, replays calls queued by the inline stub in order, and reads its config
// from the documented data- attributes only, each parsed to its type. The sender chunk is imported
// from beside this file's own URL, so the tracker works from any path or CDN. An inlined copy has
// no URL of its own: it needs `senderUrl`, since a page-relative path could run whatever the site
// serves beside the page.
import { BOOLEAN_OPTIONS, STRING_OPTIONS } from '../shared/script-attributes';
import { createTrackerWith } from './tracker';
import type { Tracker, TrackerConfig } from '../types';

type StubCall = [method: keyof Tracker, args: unknown[]];
type GlobalApi = Tracker & { q?: StubCall[] };

const SENDER_FILE = 'personalize-tracker-sender.js';
const RELAY_SENDER_FILE = 'personalize-tracker-relay.js'; // relay mode's chunk: no AWS SDK
const GLOBAL_NAME = 'personalize';

const script = document.currentScript as HTMLScriptElement | null; // only set while this file first runs
const ownUrl = script?.src; // empty when inlined
// Firefox keeps a failed import() failed for the page (e2e/engines/README.md): a retry asks for a new URL.
const loaded = createTrackerWith(async (config, attempt) => import(/* webpackIgnore: true */ `${config?.senderUrl || new URL(config?.relayUrl ? RELAY_SENDER_FILE : SENDER_FILE, ownUrl)}${attempt ? `?retry=${attempt}` : ''}`));
/** window.personalize: the tracker, whose init() first checks that an inlined copy was told where its sender chunk is. */
const tracker: Tracker = {
  ...loaded,
  init(config) {
    if (!ownUrl && !config?.senderUrl) throw new TypeError('init(): senderUrl is required when the tracker is inlined');
    loaded.init(config);
  },
};

const target = window as unknown as Record<string, GlobalApi | undefined>;
const stub = target[GLOBAL_NAME];
target[GLOBAL_NAME] = tracker;

const data = script?.dataset ?? {};
const config: Record<string, unknown> = {};
for (const key of Object.keys(data)) {
  if (STRING_OPTIONS.includes(key)) config[key] = data[key];
  else if (BOOLEAN_OPTIONS.includes(key)) config[key] = data[key] !== 'false';
  // The others are named in a warning by the sender chunk (sender/script-tag-delivery.ts), off the critical path.
}
if (config.trackingId || config.relayUrl) tracker.init(config as unknown as TrackerConfig); // throws, loudly, when a required attribute is missing

for (const [method, args] of stub?.q ?? []) {
  try {
    (tracker[method] as (...values: unknown[]) => unknown)(...args);
  } catch (error) {
    console.error(error); // a bad call made before load cannot throw at its caller any more
  }
}
