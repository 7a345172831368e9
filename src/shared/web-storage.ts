// localStorage and sessionStorage access that never throws: both throw where storage is blocked
// (sandboxed frames, some privacy settings) or full, and the tracker must not break the page.

export type StorageKind = 'localStorage' | 'sessionStorage';

export function readStorage(kind: StorageKind, key: string): string | null {
  try {
    return window[kind].getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`; false where storage is blocked or full. */
export function writeStorage(kind: StorageKind, key: string, value: string): boolean {
  try {
    window[kind].setItem(key, value);
    return true;
  } catch {
    return false; // the caller keeps its value in memory
  }
}

export function removeStorage(kind: StorageKind, key: string): void {
  try {
    window[kind].removeItem(key);
  } catch {
    // blocked: nothing was stored
  }
}

/**
 * Stores an exit note (the events a page leaves for the next one): in localStorage, or where it is
 * full (another script filled the origin's quota) in sessionStorage, whose quota is separate, so
 * the next page of this tab still finds it. Returns where it went, or undefined if neither took it.
 */
export function writeNote(key: string, value: string): StorageKind | undefined {
  if (writeStorage('localStorage', key, value)) {
    removeStorage('sessionStorage', key); // an older copy there would only repeat a subset
    return 'localStorage';
  }
  return writeStorage('sessionStorage', key, value) ? 'sessionStorage' : undefined;
}

/** Removes an exit note from both storages. */
export function removeNote(key: string): void {
  removeStorage('localStorage', key);
  removeStorage('sessionStorage', key);
}
