// What the browser is told when PutEvents fails. The relay does not retry: the browser keeps the
// events in its durable queue and retries with its own backoff, so a throttled or failing AWS gets
// no extra calls from the relay (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
// Error names: https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_PutEvents.html#API_UBS_PutEvents_Errors
// and the common ones, https://docs.aws.amazon.com/personalize/latest/dg/CommonErrors.html.
import type { RelayErrorCode } from './types';

/** Seconds the browser waits before retrying when AWS gives no Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;
/** A Retry-After beyond this is read as this (the browser's own backoff takes over). */
const MAX_RETRY_AFTER_SECONDS = 300;
/** The relay's own credentials or permissions were refused: a deployment problem, the same for every batch. */
const CREDENTIAL_ERRORS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'NotAuthorizedException',
  'CredentialsProviderError',
]);

export interface AwsFailure {
  status: number;
  code: RelayErrorCode;
  message: string;
  /** Seconds, for a 503. */
  retryAfter?: number;
}

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** `{ invalidInput }` when AWS refused the batch as invalid, else the failure the browser gets. */
export function classifyAwsError(error: unknown): { invalidInput: string } | AwsFailure {
  const { name = 'Error', message = '', $metadata, $response } = (error ?? {}) as SdkError;
  const status = $metadata?.httpStatusCode;
  if (name === 'InvalidInputException') return { invalidInput: message || name };
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || status === 429) {
    return { status: 503, code: 'Throttled', message: 'relay: PutEvents is throttled, retry later', retryAfter: retryAfter($response?.headers) };
  }
  // No status: the request never got an answer (network, timeout, DNS).
  if (status === undefined && !CREDENTIAL_ERRORS.has(name)) {
    return { status: 503, code: 'ServiceUnavailable', message: 'relay: PutEvents could not be reached, retry later', retryAfter: DEFAULT_RETRY_AFTER_SECONDS };
  }
  if (status !== undefined && status >= 500) {
    return { status: 503, code: 'ServiceUnavailable', message: `relay: PutEvents answered ${status}, retry later`, retryAfter: retryAfter($response?.headers) };
  }
  if (name === 'ResourceNotFoundException') return { status: 502, code: 'ResourceNotFound', message: 'relay: AWS does not know the relay\'s trackingId' };
  if (CREDENTIAL_ERRORS.has(name) || status === 403) return { status: 502, code: 'AccessDenied', message: `relay: AWS refused the relay's credentials (${name})` };
  return { status: 502, code: 'UpstreamError', message: `relay: PutEvents failed (${name})` };
}

/** AWS's Retry-After in whole seconds (delay-seconds or an HTTP date: https://www.rfc-editor.org/rfc/rfc9110#name-retry-after), else the default. */
function retryAfter(headers: Record<string, string | undefined> | undefined): number {
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (value === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS) : DEFAULT_RETRY_AFTER_SECONDS;
}
