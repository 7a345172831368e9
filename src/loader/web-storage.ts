// localStorage and sessionStorage access that never throws: both throw where storage is blocked
// (sandboxed frames, some privacy settings) or full, and the tracker must not break the page.

type StorageKind = 'localStorage' | 'sessionStorage';

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
