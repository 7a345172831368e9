// Contender 3: AWS Amplify v6 Analytics with its Personalize provider. Amplify has no endpoint
// setting: its requests go to the real AWS hosts, which the runner routes to the emulator.
import { Amplify } from 'aws-amplify';
import { flushEvents, record } from 'aws-amplify/analytics/personalize';
import { benchEvent, configFromLocation, exposeAdapter } from '../event-script';

const config = configFromLocation(location.search);

exposeAdapter({
  async ready() {
    Amplify.configure({
      Auth: { Cognito: { identityPoolId: config.identityPoolId, allowGuestAccess: true } },
      // Default buffering (flushSize 5, flushInterval 5000 ms), as an Amplify app gets it.
      Analytics: { Personalize: { trackingId: config.trackingId, region: config.region } },
    });
  },
  track(index) {
    const event = benchEvent(index);
    // Amplify's record() has no itemId/eventValue fields: everything goes into `properties`.
    record({ eventType: event.eventType, properties: { itemId: event.itemId, eventValue: event.eventValue, ...event.properties } });
  },
  async flush() {
    // record() appends to Amplify's buffer only after its own promise chain (credentials, session
    // cache) has run, so flushing in the same task would find the latest events missing: wait one task.
    await new Promise((next) => setTimeout(next, 0));
    // flushEvents() returns nothing to wait on; the runner waits for the emulator instead.
    flushEvents();
  },
});
