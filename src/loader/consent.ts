// The visitor's choice about tracking, the loader's side: remembered in localStorage so that it
// holds across reloads and tabs (other tabs learn of a change through the `storage` event), and
// what an opt-out deletes at once. The sender chunk keeps a second copy of the choice in IndexedDB,
// deletes the stored queue of every page (sender/consent.ts), and tells the loader, through
// DeliveryOptions.optOut, of an opt-out only that copy kept. Without a stored choice,
// `respectDoNotTrack` reads Global Privacy Control (https://globalprivacycontrol.github.io/gpc-spec/)
// and the older Do Not Track signal. Only `in` and `out` are choices: any other stored value (from
// another script) counts as none. A choice localStorage refuses (full) is reported and kept in
// memory for the page only.
import { CONSENT_STORAGE_KEY, KEY_PREFIX } from '../shared/storage-names';
import { readStorage, removeStorage, writeStorage } from '../shared/web-storage';


let unstored: string | undefined; // the last choice, for when localStorage refused it

/** Stores the choice; false when localStorage refused it (its stale value is then removed). */
export function storeChoice(choice: 'in' | 'out'): boolean {
  unstored = choice;
  if (writeStorage('localStorage', CONSENT_STORAGE_KEY, choice)) return true;
  removeStorage('localStorage', CONSENT_STORAGE_KEY);
  return false;
}

/** Whether tracking is off: an explicit choice wins; otherwise the browser's signal, if respected. */
export function isOptedOut(respectDoNotTrack = false): boolean {
  const choice = readStorage('localStorage', CONSENT_STORAGE_KEY) ?? unstored;
  const browser = navigator as Navigator & { globalPrivacyControl?: boolean };
  return choice === 'out' || (choice !== 'in' && respectDoNotTrack && (!!browser.globalPrivacyControl || browser.doNotTrack === '1'));
}

/** Calls `onChange` when another tab opts in or out. */
export function watchChoice(onChange: () => void): void {
  addEventListener('storage', (event) => event.key === CONSENT_STORAGE_KEY && onChange());
}

// An opt-out deletes at once every key the tracker keeps in web storage (the session id; in
// localStorage the retry time, the exit notes of pages that went away, the clock offset and the
// Cognito identity and credentials), all but the choice itself.
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
