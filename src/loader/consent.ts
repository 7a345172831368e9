// The visitor's choice about tracking, remembered in localStorage so that it holds across reloads
// and tabs (other tabs learn of a change through the `storage` event). Without a stored choice,
// `respectDoNotTrack` reads Global Privacy Control (https://globalprivacycontrol.github.io/gpc-spec/)
// and the older Do Not Track signal.
import { readStorage, writeStorage } from './web-storage';

/** The localStorage key holding `out` or `in`. */
export const CONSENT_STORAGE_KEY = 'personalize-tracker:consent';

export const storeChoice = (choice: 'in' | 'out') => writeStorage('localStorage', CONSENT_STORAGE_KEY, choice);

/** Whether tracking is off: an explicit choice wins; otherwise the browser's signal, if respected. */
export function isOptedOut(respectDoNotTrack = false): boolean {
  const choice = readStorage('localStorage', CONSENT_STORAGE_KEY);
  const browser = navigator as Navigator & { globalPrivacyControl?: boolean };
  return choice ? choice === 'out' : respectDoNotTrack && (!!browser.globalPrivacyControl || browser.doNotTrack === '1');
}

/** Calls `onChange` when another tab opts in or out. */
export function watchChoice(onChange: () => void): void {
  addEventListener('storage', (event) => event.key === CONSENT_STORAGE_KEY && onChange());
}
