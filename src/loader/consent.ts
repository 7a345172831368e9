// The visitor's choice about tracking, remembered in localStorage so that it holds across reloads
// and tabs (other tabs learn of a change through the `storage` event). Without a stored choice,
// `respectDoNotTrack` reads Global Privacy Control (https://globalprivacycontrol.github.io/gpc-spec/)
// and the older Do Not Track signal. Only `in` and `out` are choices: any other stored value (from
// another script) counts as none. A choice localStorage refuses (full) is reported and kept in
// memory for the page only.
import { CONSENT_STORAGE_KEY } from '../shared/storage-names';
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
