// The AWS SDK side of sending: one Cognito credential provider for the tracker's lifetime, kept
// warm so a send on page hide can start at once, and a PutEvents client that signs with it.
// SigV4 hashes with the SDK's pure-JS SHA-256, not WebCrypto: in Gecko and WebKit a continuation of
// a crypto.subtle promise no longer runs once the page is being hidden or unloaded, so a keepalive
// fetch started after it never leaves (measured in all three engines: README, "Browser support").
// With credentials resolved in advance, everything between pagehide and fetch is then synchronous
// or a chain of microtasks.
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { Sha256Js } from '@smithy/core/checksum';
import type { Batch } from './batch';
import { createIdentityIdCache } from './identity-id-cache';
import { clockOffsetMs, learnServiceClock, serviceNow } from './service-clock';
import type { TrackerConfig } from '../types';

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000; // the SDK's own margin: refresh with 5 minutes left
const REQUEST_TIMEOUT_MS = 15_000; // a hung request counts as a network error and is retried

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };

export interface PutEventsSender {
  /** Sends one batch; rejects with the SDK's error (name, $metadata.httpStatusCode, $response). */
  send(batch: Batch): Promise<void>;
  /** Fetches credentials now unless fresh ones are cached (keeps the unload path free of waits). */
  warm(): Promise<unknown>;
  /** Drops the cached credentials: the next send fetches new ones. */
  refreshCredentials(): void;
}

/** The name given to every failure to get credentials, whatever Cognito answered (see retry-policy.ts). */
export const CREDENTIALS_UNAVAILABLE = 'CredentialsUnavailable';

export function createPutEventsSender(config: TrackerConfig): PutEventsSender {
  const cache = createIdentityIdCache();
  const newCognito = () =>
    fromCognitoIdentityPool({
      identityPoolId: config.identityPoolId,
      cache,
      clientConfig: { region: config.region, ...(config.cognitoEndpoint ? { endpoint: config.cognitoEndpoint } : {}) },
    });
  let cognito = newCognito();
  let cached: Promise<Credentials> | undefined;
  let resolved: Credentials | undefined;

  // Marked `memoized` so the SDK uses this cache as is and a forced refresh reaches Cognito.
  const credentials = Object.assign(
    (): Promise<Credentials> => {
      const expiresSoon = resolved?.expiration && resolved.expiration.getTime() - serviceNow() < REFRESH_BEFORE_EXPIRY_MS;
      if (!cached || expiresSoon) {
        resolved = undefined;
        const fetching = cognito().then(
          (fresh) => (resolved = fresh),
          (error: Error) => {
            // Cognito no longer knows the cached identity id (its pool was reset, or the id deleted).
            // The SDK then removes the id from the cache but keeps using it in memory, so a new
            // provider is made: it asks GetId for a new identity.
            if (error.name === 'ResourceNotFoundException') cognito = newCognito();
            // Renamed, so that Cognito's ResourceNotFoundException is not read as PutEvents' own.
            throw Object.assign(new Error(`Cognito: ${error.name}: ${error.message}`), { name: CREDENTIALS_UNAVAILABLE, cause: error });
          },
        );
        cached = fetching;
        fetching.catch(() => {
          if (cached === fetching) cached = undefined;
        });
      }
      return cached;
    },
    { memoized: true },
  );

  const client = new PersonalizeEventsClient({
    region: config.region,
    credentials,
    maxAttempts: 1, // the durable queue retries, with its own backoff, across page loads
    sha256: Sha256Js,
    requestHandler: { keepAlive: true, requestTimeout: REQUEST_TIMEOUT_MS },
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  type Headers = Record<string, string> | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        learnServiceClock((result.response as { headers?: Headers }).headers);
        return result;
      } catch (error) {
        learnServiceClock((error as { $response?: { headers?: Headers } }).$response?.headers);
        throw error;
      }
    },
    { step: 'deserialize', name: 'learnServiceClock' },
  );

  return {
    async send(batch) {
      const offset = clockOffsetMs();
      if (offset) client.config.systemClockOffset = offset; // SigV4's x-amz-date on the service's clock, without a refused first try
      await client.send(
        new PutEventsCommand({
          trackingId: batch.trackingId,
          sessionId: batch.sessionId,
          ...(batch.userId ? { userId: batch.userId } : {}),
          eventList: batch.records.map(({ event }) => ({ ...event, sentAt: new Date(event.sentAt + offset) })),
        }),
      );
    },
    warm: () => credentials(),
    refreshCredentials() {
      cached = undefined;
      resolved = undefined;
    },
  };
}
