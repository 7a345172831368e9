// What optOut() deletes besides the queue: every key the tracker and the AWS SDK keep in web storage.
import { SESSION_STORAGE_KEY } from './session';
import { writeStorage } from './web-storage';

/** The localStorage key holding the shared retry time (epoch ms) during a backoff (retry-schedule.ts). */
export const SHARED_RETRY_AT_KEY = 'personalize-tracker:retry-at';

/** The localStorage key under which the AWS SDK's Cognito provider caches the guest identity id (fromCognitoIdentityPool.js). */
export const identityIdKey = (identityPoolId: string) => `aws:cognito-identity-credentials:${identityPoolId}:ANONYMOUS`;

/** Removes the session id, the retry time and, once the pool is known, the Cognito identity id. */
export function forgetStored(identityPoolId?: string): void {
  writeStorage('sessionStorage', SESSION_STORAGE_KEY);
  writeStorage('localStorage', SHARED_RETRY_AT_KEY);
  if (identityPoolId) writeStorage('localStorage', identityIdKey(identityPoolId));
}
