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

export function writeStorage(kind: StorageKind, key: string, value: string): void {
  try {
    window[kind].setItem(key, value);
  } catch {
    // blocked or full: the caller keeps its value in memory
  }
}

export function removeStorage(kind: StorageKind, key: string): void {
  try {
    window[kind].removeItem(key);
  } catch {
    // blocked: nothing was stored
  }
}
