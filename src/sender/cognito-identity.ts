// Cognito Identity's two unauthenticated calls, GetId and GetCredentialsForIdentity, with plain
// fetch: they are unsigned awsJson1_1 requests (POST / with X-Amz-Target, see
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/CommonParameters.html), so they
// need no SDK client and can start before the sender chunk has loaded.
import { CREDENTIALS_UNAVAILABLE } from './retry-policy';
import { learnServiceClock } from './service-clock';
import type { DirectConfig } from '../types';

const REQUEST_TIMEOUT_MS = 15_000; // a hung call counts as a network error, like a hung PutEvents

/** Temporary credentials of the pool's guest role, `expiration` in epoch milliseconds. */
export interface CognitoCredentials {
  identityId: string;
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  expiration: number;
}

/**
 * A failed Cognito call, shaped like an SDK error (`$metadata.httpStatusCode`, `$response.headers`)
 * so that the sender classifies it as it does PutEvents' own (retry-policy.ts). `cognitoError` is
 * Cognito's name (`__type`) for the failure; undefined for a network error or a timeout.
 */
export type CognitoError = Error & {
  cognitoError?: string;
  $metadata: { httpStatusCode?: number };
  $response?: { headers: Record<string, string> };
};

// Every Cognito failure is named CREDENTIALS_UNAVAILABLE, so that Cognito's ResourceNotFoundException is never read as PutEvents' (unknown trackingId).
function endpointOf(config: DirectConfig): string {
  const suffix = config.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return config.cognitoEndpoint || `https://cognito-identity.${config.region}.${suffix}`;
}

async function call<T>(config: DirectConfig, operation: string, input: object): Promise<T> {
  const fail = (message: string, cognitoError?: string, response?: Response): never => {
    throw Object.assign(new Error(`Cognito ${operation}: ${message}`), {
      name: CREDENTIALS_UNAVAILABLE,
      cognitoError,
      $metadata: { httpStatusCode: response?.status },
      $response: { headers: { 'retry-after': response?.headers.get('retry-after') ?? '' } },
    });
  };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(endpointOf(config), {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityService.${operation}` },
      body: JSON.stringify(input),
      signal: abort.signal,
    });
  } catch (cause) {
    return fail(`network error (${cause})`);
  } finally {
    clearTimeout(timer);
  }
  learnServiceClock({ date: response.headers.get('date') ?? undefined }); // credential expiry is judged on the service's clock
  const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string } & T;
  if (response.ok) return body;
  // awsJson1_1 errors name themselves in __type, sometimes as "namespace#Name" (the SDK strips it too).
  const name = (body.__type ?? response.headers.get('x-amzn-errortype') ?? `HTTP ${response.status}`).split('#').pop()!.split(':')[0];
  return fail(`${name}: ${body.message ?? ''}`, name, response);
}

/** Asks Cognito for a new guest identity id of the pool. */
export async function getId(config: DirectConfig): Promise<string> {
  return (await call<{ IdentityId: string }>(config, 'GetId', { IdentityPoolId: config.identityPoolId })).IdentityId;
}

/** Asks Cognito for temporary credentials of `identityId` (Expiration comes in epoch seconds). */
export async function getCredentialsForIdentity(config: DirectConfig, identityId: string): Promise<CognitoCredentials> {
  type Answer = { IdentityId?: string; Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number } };
  const { IdentityId, Credentials } = await call<Answer>(config, 'GetCredentialsForIdentity', { IdentityId: identityId });
  return {
    identityId: IdentityId ?? identityId,
    accessKeyId: Credentials.AccessKeyId,
    secretKey: Credentials.SecretKey,
    sessionToken: Credentials.SessionToken,
    expiration: Credentials.Expiration * 1000,
  };
}
