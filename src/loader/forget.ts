// What optOut() deletes at once besides the page's queue: every key the tracker keeps in web storage
// (the session id; in localStorage the retry time, the exit notes of pages that went away, the clock
// offset and the Cognito identity and credentials), all but the choice itself. The stored queue of
// every page goes with the sender chunk (sender/consent-copy.ts).
import { CONSENT_STORAGE_KEY } from './consent';
import { SESSION_STORAGE_KEY } from './session';
import { removeStorage } from './web-storage';

/** The prefix of every localStorage key the tracker writes (retry-at, unsaved:…, left:…, consent). */
const KEY_PREFIX = 'personalize-tracker:';
/** Removes the session id and the tracker's localStorage keys but the choice. */
export function forgetStored(): void {
  removeStorage('sessionStorage', SESSION_STORAGE_KEY);
  try {
    for (const name of Object.keys(localStorage)) {
      if (name.startsWith(KEY_PREFIX) && name !== CONSENT_STORAGE_KEY) localStorage.removeItem(name);
    }
  } catch {
    // blocked: nothing was stored
  }
}
