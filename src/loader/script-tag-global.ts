// The script-tag entry: a classic script (works with <script async>) that defines
// window.personalize, replays calls queued by the inline stub in order, and reads its config
// from data- attributes. The sender chunk, and the small chunk that fetches Cognito credentials
// meanwhile, are imported from beside this file's own URL, so the tracker works from any path or CDN.
import { createTrackerWith } from './tracker';
import type { Tracker, TrackerConfig } from '../types';

type StubCall = [method: keyof Tracker, args: unknown[]];
type GlobalApi = Tracker & { q?: StubCall[] };

/** The chunks beside the loader: `personalize-tracker-${name}.js`. */
const CHUNK_PREFIX = 'personalize-tracker-';
const GLOBAL_NAME = 'personalize';

const script = document.currentScript as HTMLScriptElement | null; // only set while this file first runs
const base = script?.src || location.href;
// import() reads its specifier as a string: the URL's href.
const load = (name: 'sender' | 'credentials') => import(/* webpackIgnore: true */ new URL(`${CHUNK_PREFIX}${name}.js`, base) as unknown as string);
const tracker = createTrackerWith(
  () => load('sender'),
  () => load('credentials'),
);

const target = window as unknown as Record<string, GlobalApi | undefined>;
const stub = target[GLOBAL_NAME];
target[GLOBAL_NAME] = tracker;

// <script data-tracking-id data-identity-pool-id data-region [data-endpoint] [data-cognito-endpoint] [data-debug]>
const data = { ...script?.dataset };
if (data.trackingId) {
  const config = { ...data, debug: 'debug' in data && data.debug !== 'false' } as unknown as TrackerConfig;
  tracker.init(config); // throws, loudly, when a required attribute is missing
}

for (const [method, args] of stub?.q ?? []) {
  try {
    (tracker[method] as (...values: unknown[]) => unknown)(...args);
  } catch (error) {
    console.error(error); // a bad call made before load cannot throw at its caller any more
  }
}
