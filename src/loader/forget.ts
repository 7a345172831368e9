// What optOut() deletes at once besides the page's queue: every key the tracker keeps in web storage
// (the session id; in localStorage the retry time, the exit notes of pages that went away, the clock
// offset and the Cognito identity and credentials), all but the choice itself. The stored queue of
// every page goes with the sender chunk (sender/consent-copy.ts).
import { CONSENT_STORAGE_KEY, KEY_PREFIX } from '../shared/storage-names';

/** Removes the tracker's keys but the choice from both storages: the session id, and exit notes kept in sessionStorage where localStorage was full. */
export function forgetStored(): void {
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      for (const name of Object.keys(window[kind])) {
        if (name.startsWith(KEY_PREFIX) && name !== CONSENT_STORAGE_KEY) window[kind].removeItem(name);
      }
    } catch {
      // blocked: nothing was stored
    }
  }
}
