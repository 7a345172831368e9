// Contender 2: what the AWS SDK documentation suggests: a PersonalizeEventsClient with Cognito
// credentials and one PutEvents per tracked event, held in memory only (nothing survives the tab).
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { benchEvent, configFromLocation, exposeAdapter } from '../event-script';

const config = configFromLocation(location.search);
/** One session per page view, as the Personalize docs' browser example does. */
const sessionId = crypto.randomUUID();
const inFlight = new Set<Promise<void>>();
let client: PersonalizeEventsClient | undefined;

exposeAdapter({
  async ready() {
    const clientConfig = { region: config.region, endpoint: config.endpoint };
    client = new PersonalizeEventsClient({
      ...clientConfig,
      credentials: fromCognitoIdentityPool({ identityPoolId: config.identityPoolId, clientConfig }),
    });
  },
  track(index) {
    const event = benchEvent(index);
    const command = new PutEventsCommand({
      trackingId: config.trackingId,
      sessionId,
      eventList: [
        {
          eventType: event.eventType,
          itemId: event.itemId,
          eventValue: event.eventValue,
          properties: JSON.stringify(event.properties),
          sentAt: new Date(),
        },
      ],
    });
    // The snippet's track() returns at once; the signing and the request run on later tasks.
    const sending = client!.send(command).then(
      () => undefined,
      (error: unknown) => console.warn('PutEvents failed', error),
    );
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  },
  async flush() {
    await Promise.all([...inFlight]);
  },
});
