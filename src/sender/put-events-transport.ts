// The AWS SDK side of sending: a PutEvents client signed with the Cognito credentials every page
// of the origin shares (shared-credentials.ts), warmed so a send on page hide can start at once.
// SigV4 hashes with the SDK's pure-JS SHA-256, not WebCrypto: in Gecko and WebKit a continuation of
// a crypto.subtle promise no longer runs once the page is being hidden or unloaded, so a keepalive
// fetch started after it never leaves (measured in all three engines: README, "Browser support").
// With fresh credentials read synchronously from storage, everything between pagehide and fetch is
// then synchronous or a chain of microtasks.
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { Sha256Js } from '@smithy/core/checksum';
import type { Transport } from '../shared/contract';
import { MAX_BATCH } from '../shared/limits';
import { clockOffsetMs, learnServiceClock, serviceTimeOf } from './service-clock';
import { dropCredentials, sharedCredentials } from './shared-credentials';
import type { DirectConfig } from '../types';

const REQUEST_TIMEOUT_MS = 15_000; // a hung request counts as a network error and is retried


/** PutEvents from the browser, signed with the Cognito credentials the pages of the origin share. */
export function createPutEventsTransport(config: DirectConfig): Transport {
  // Marked `memoized` so the SDK asks each time: shared-credentials.ts holds them, and another tab may have refreshed them.
  const credentials = Object.assign(
    async () => {
      const { accessKeyId, secretKey, sessionToken, expiration } = await sharedCredentials(config);
      return { accessKeyId, secretAccessKey: secretKey, sessionToken, expiration: new Date(expiration) };
    },
    { memoized: true },
  );

  let body: BodyInit | undefined; // of the request being handed to fetch
  const handOffsByInput = new WeakMap<object, () => void>();
  const handOffsByBody = new Map<unknown, () => void>(); // from serialisation until fetch()
  const fetchAndTell = (input: RequestInfo | URL, init: RequestInit) => {
    const started = fetch(input, init);
    const handedOff = handOffsByBody.get(init.body);
    handOffsByBody.delete(init.body);
    handedOff?.();
    return started;
  };
  const client = new PersonalizeEventsClient({
    region: config.region,
    credentials,
    maxAttempts: 1, // the durable queue retries, with its own backoff, across page loads
    sha256: Sha256Js,
    requestHandler: {
      keepAlive: true,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // The handler calls these in one synchronous run: requestInit sees the body, then customFetch the Request.
      requestInit(request) {
        body = request.body as BodyInit | undefined;
        return {};
      },
      // Firefox drops a keepalive fetch of a Request object when its tab closes, not one of a URL and
      // its init (measured in e2e/engines/: 0 of 6 against 6 of 6).
      customFetch: (input, init) =>
        input instanceof Request
          ? fetchAndTell(input.url, { method: input.method, headers: input.headers, body, keepalive: input.keepalive, signal: input.signal, credentials: input.credentials })
          : fetchAndTell(input, init ?? {}),
    },
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
  // The serialised body names the request when it reaches fetch (signing leaves the body as it is).
  client.middlewareStack.add(
    (next) => (args) => {
      const handedOff = handOffsByInput.get(args.input as object);
      const request = args.request as { body?: unknown };
      if (handedOff) {
        handOffsByBody.set(request.body, handedOff);
        // A request that never reaches fetch (credentials failed) must not keep its body here.
        return next(args).finally(() => handOffsByBody.delete(request.body));
      }
      return next(args);
    },
    { step: 'build', name: 'noteHandOff' },
  );

  return {
    maxBatch: MAX_BATCH,
    async send(batch, handedOff) {
      // The same credentials the SDK reads a microtask later, noted on a failure for refreshCredentials().
      const { accessKeyId } = await sharedCredentials(config);
      // SigV4's x-amz-date on the service's clock, without a refused first try (also right after the device clock was set back).
      client.config.systemClockOffset = clockOffsetMs();
      const command = new PutEventsCommand({
        trackingId: batch.trackingId,
        sessionId: batch.sessionId,
        ...(batch.userId ? { userId: batch.userId } : {}),
        eventList: batch.records.map((record) => ({ ...record.event, sentAt: new Date(serviceTimeOf(record)) })),
      });
      if (handedOff) handOffsByInput.set(command.input, handedOff);
      await client.send(command).catch((error: Error) => {
        throw Object.assign(error, { signedWith: accessKeyId });
      });
    },
    warm: () => sharedCredentials(config),
    refreshCredentials(failed) {
      const signedWith = (failed as { signedWith?: string }).signedWith;
      if (signedWith) dropCredentials(signedWith);
    },
  };
}
