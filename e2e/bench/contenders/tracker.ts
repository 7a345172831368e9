// Contender 1: personalize-tracker, installed the way its README says (the script tag), and used
// only through its public API, so the bench keeps working while the tracker's internals change.
import type { Tracker } from '../../../src/types';
import { benchEvent, configFromLocation, exposeAdapter } from '../event-script';
import { loadScriptTag } from './script-tag';

const config = configFromLocation(location.search);

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
