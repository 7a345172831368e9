// Contender 4: personalize-tracker in relay mode, through the same script tag: it loads the relay
// chunk (no AWS SDK) and posts unsigned batches to the shop's own /relay/events, which the runner
// serves on the page's origin with createRelay() in front of this page's emulator (relay-site.ts).
import type { Tracker } from '../../../src/types';
import { benchEvent, exposeAdapter } from '../event-script';
import { loadScriptTag } from './script-tag';

/** Where the runner serves the relay, on the page's own origin. */
const RELAY_URL = '/relay/events';

let tracker: Tracker | undefined;

exposeAdapter({
  async ready() {
    tracker = await loadScriptTag();
    tracker.init({ relayUrl: RELAY_URL });
  },
  track(index) {
    const event = benchEvent(index);
    tracker!.track(event.eventType, { itemId: event.itemId, eventValue: event.eventValue, ...event.properties });
  },
  async flush() {
    await tracker!.flush();
  },
});
