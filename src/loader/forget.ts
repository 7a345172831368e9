// What optOut() deletes besides the queue: every key the tracker and the AWS SDK keep in web storage
// (the session id; in localStorage the retry time, the exit notes of pages that went away, and the
// Cognito identity id), all but the choice itself.
import { CONSENT_STORAGE_KEY } from './consent';
import { SESSION_STORAGE_KEY } from './session';
import { removeStorage } from './web-storage';

/** The prefix of every localStorage key the tracker writes (retry-at, unsaved:…, left:…, consent). */
const KEY_PREFIX = 'personalize-tracker:';
/** The localStorage key under which the AWS SDK's Cognito provider caches the guest identity id (fromCognitoIdentityPool.js). */
export const identityIdKey = (identityPoolId?: string) => `aws:cognito-identity-credentials:${identityPoolId}:ANONYMOUS`;

/** Removes the session id and the tracker's localStorage keys but the choice, and, once the pool is known, the Cognito identity id. */
export function forgetStored(identityPoolId?: string): void {
  removeStorage('sessionStorage', SESSION_STORAGE_KEY);
  try {
    for (const name of Object.keys(localStorage)) {
      if ((name.startsWith(KEY_PREFIX) && name !== CONSENT_STORAGE_KEY) || (identityPoolId && name === identityIdKey(identityPoolId))) localStorage.removeItem(name);
    }
  } catch {
    // blocked: nothing was stored
  }
}
