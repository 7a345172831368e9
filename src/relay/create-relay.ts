// createRelay(): checks the options once, makes (or reuses) the PutEvents client, and returns the
// web-standard handler (relay-request.ts holds what it does with each request).
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { checkString } from '../loader/validate';
import { MAX_ID_LENGTH } from '../shared/limits';
import { createOriginPolicy } from './origin-policy';
import { handleRelayRequest, type RelaySettings } from './relay-request';
import type { RelayErrorContext, RelayHandler, RelayOptions } from './types';

/** The fetch standard's keepalive body cap (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch): what a page hide may send. */
export const DEFAULT_MAX_BODY_BYTES = 65_536;
/** A PutEvents that has not answered by then is a network failure (503): the browser retries. */
const REQUEST_TIMEOUT_MS = 10_000;

/** The default onError: one line for the operator, without event content or AWS's message (which may echo input). */
function warn(error: unknown, context: RelayErrorContext): void {
  console.warn(`personalize-tracker relay: answered ${context.status} ${context.code} (${(error as Error | undefined)?.name ?? typeof error})`);
}

/** A request handler for POST batches from the browser: validates, binds the shopper, calls PutEvents. Throws a TypeError for unusable options. */
export function createRelay(options: RelayOptions): RelayHandler {
  const trackingId = checkString('trackingId', options?.trackingId, MAX_ID_LENGTH, 'createRelay()');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new TypeError(`createRelay(): maxBodyBytes must be a positive integer (got ${maxBodyBytes})`);
  for (const name of ['userId', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`createRelay(): ${name} must be a function`);
  }
  const onError = options.onError ?? warn;
  const settings: RelaySettings = {
    trackingId,
    maxBodyBytes,
    origins: createOriginPolicy(options.allowedOrigins),
    userId: options.userId,
    trustClientUserId: options.trustClientUserId === true,
    client:
      (options.client as PersonalizeEventsClient | undefined) ??
      new PersonalizeEventsClient({
        ...(options.region !== undefined && { region: options.region }),
        ...(options.credentials !== undefined && { credentials: options.credentials }),
        ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
        maxAttempts: 1, // the browser's durable queue retries (aws-errors.ts)
        requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS },
      }),
    report(error, context) {
      try {
        onError(error, context);
      } catch {
        // a throwing hook must not change the answer
      }
    },
  };
  return (request) => handleRelayRequest(request, settings);
}
