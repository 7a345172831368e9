// What to do after a failed PutEvents, by outcome, and how long to wait before trying again.
// Pure, so it is unit-tested in Node.

export type FailureKind =
  | 'transient' // network error, 5xx, 429, throttling, Cognito giving no credentials: retry with backoff
  | 'invalid' // InvalidInputException (or 413): isolate and drop the offending event(s)
  | 'credentials' // expired or refused credentials: fetch fresh ones, then retry
  | 'unknown-tracking-id'; // PutEvents' own ResourceNotFoundException, or a relay refusing this page: keep the events, stop sending

/** The name cognito-identity.ts gives every failure to get credentials, so that Cognito's ResourceNotFoundException is never read as PutEvents' (unknown trackingId). */
export const CREDENTIALS_UNAVAILABLE = 'CredentialsUnavailable';

export const BACKOFF_BASE_MS = 1_000; // first retry waits up to this long
export const BACKOFF_MAX_MS = 60_000; // the cap, so a long outage is probed about once a minute
// What a relay answers when it is set up wrong (docs/relay.md): the same for every batch until the shop fixes it.
const RELAY_SETUP_ERRORS = ['OriginNotAllowed', 'MethodNotAllowed', 'AccessDenied', 'ResourceNotFound'];
const CREDENTIAL_ERRORS = ['ExpiredTokenException', 'InvalidSignatureException', 'UnrecognizedClientException', 'IncompleteSignature', 'ExpiredToken', 'InvalidClientTokenId'];

/** Classifies an SDK error by its name and HTTP status. */
export function classifyFailure(name: string | undefined, status: number | undefined): FailureKind {
  // Cognito failed to give credentials (cognito-identity.ts names all its failures so): throttled
  // (TooManyRequestsException), down, or refusing the pool. The events wait, as for a throttled PutEvents.
  if (name === CREDENTIALS_UNAVAILABLE) return 'transient';
  if (name === 'InvalidInputException' || name === 'RequestEntityTooLarge' || status === 413) return 'invalid';
  if (name && CREDENTIAL_ERRORS.includes(name)) return 'credentials';
  if (name === 'ResourceNotFoundException' || status === 404 || (name && RELAY_SETUP_ERRORS.includes(name))) return 'unknown-tracking-id';
  if (name === 'InvalidRequest' || name === 'UnsupportedContentType' || name === 'PayloadTooLarge') return 'invalid'; // a relay refusing the request: isolate what it refuses
  return 'transient';
}

/**
 * Delay before retry number `attempt` (1 for the first retry): "equal jitter" exponential backoff
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), so that many tabs
 * failing together do not retry together, while each wait still grows. A `retry-after` is a floor.
 */
export function backoffDelayMs(attempt: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.min(BACKOFF_MAX_MS, Math.max(jittered, retryAfterMs));
}

/** Parses a `retry-after` header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number {
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : 0;
}
