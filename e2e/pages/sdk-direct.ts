// The AWS SDK used directly in a page, without the tracker: the first proof that a browser on
// another origin gets Cognito credentials from the emulator and delivers a signed PutEvents.
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';

export interface DirectPutOptions {
  endpoint: string;
  region: string;
  identityPoolId: string;
  trackingId: string;
  sessionId: string;
  itemId: string;
}

async function putOneEvent(options: DirectPutOptions): Promise<number | undefined> {
  const credentials = fromCognitoIdentityPool({
    identityPoolId: options.identityPoolId,
    clientConfig: { region: options.region, endpoint: options.endpoint },
  });
  const client = new PersonalizeEventsClient({ region: options.region, endpoint: options.endpoint, credentials });
  const output = await client.send(
    new PutEventsCommand({
      trackingId: options.trackingId,
      sessionId: options.sessionId,
      eventList: [{ eventType: 'MovieRating', itemId: options.itemId, eventValue: 4, sentAt: new Date() }],
    }),
  );
  return output.$metadata.httpStatusCode;
}

(window as unknown as { sdkDirect: object }).sdkDirect = { putOneEvent };
