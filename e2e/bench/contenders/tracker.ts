// Contender 1: personalize-tracker, installed the way its README says (the script tag), and used
// only through its public API, so the bench keeps working while the tracker's internals change.
import type { Tracker } from '../../../src/types';
import { benchEvent, configFromLocation, exposeAdapter } from '../event-script';

/** Where `npm run build` puts the script-tag file; it loads its sender chunk from beside itself. */
const TRACKER_URL = '/dist/personalize-tracker.js';

const config = configFromLocation(location.search);

/** page.html adds the tag itself (as the README's install does); otherwise the adapter adds it. */
const TAG_ID = 'personalize-tracker';

function loadScriptTag(): Promise<Tracker> {
  const global = window as unknown as { personalize?: Tracker };
  const tagged = document.getElementById(TAG_ID) as HTMLScriptElement | null;
  if (tagged && global.personalize) return Promise.resolve(global.personalize); // it ran before the adapter
  const script = tagged ?? Object.assign(document.createElement('script'), { async: true, src: TRACKER_URL });
  const loaded = new Promise<Tracker>((resolve, reject) => {
    script.addEventListener('load', () => resolve((window as unknown as { personalize: Tracker }).personalize));
    script.addEventListener('error', () => reject(new Error(`could not load ${TRACKER_URL}`)));
  });
  if (!tagged) document.head.appendChild(script);
  return loaded;
}

let tracker: Tracker | undefined;

exposeAdapter({
  async ready() {
    tracker = await loadScriptTag();
    tracker.init({
      trackingId: config.trackingId,
      identityPoolId: config.identityPoolId,
      region: config.region,
      endpoint: config.endpoint,
      cognitoEndpoint: config.endpoint,
      // The default reports each failed attempt with console.warn; the runner counts console warnings.
    });
  },
  track(index) {
    const event = benchEvent(index);
    tracker!.track(event.eventType, { itemId: event.itemId, eventValue: event.eventValue, ...event.properties });
  },
  async flush() {
    await tracker!.flush();
  },
});
