// The tracker's script tag as its README installs it, shared by the direct and the relay adapters.
import type { Tracker } from '../../../src/types';

/** Where `npm run build` puts the script-tag file; it loads its sender chunk from beside itself. */
const TRACKER_URL = '/dist/personalize-tracker.js';

/** page.html adds the tag itself (as the README's install does); otherwise the adapter adds it. */
const TAG_ID = 'personalize-tracker';

/** Resolves with window.personalize once the script tag has run. */
export function loadScriptTag(): Promise<Tracker> {
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
