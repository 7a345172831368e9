// Where the Cognito identity id is remembered between pages. The SDK's default cache touches
// `self.indexedDB` synchronously, which throws where storage is blocked (SecurityError), so the
// whole sender would fail to start; this cache degrades to memory instead.

export interface IdentityIdCache {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function createIdentityIdCache(): IdentityIdCache {
  const memory = new Map<string, string>();
  const storage = (): Storage | undefined => {
    try {
      return window.localStorage;
    } catch {
      return undefined;
    }
  };
  return {
    getItem(key) {
      try {
        return storage()?.getItem(key) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    setItem(key, value) {
      memory.set(key, value);
      try {
        storage()?.setItem(key, value);
      } catch {
        // quota or blocked: the memory copy serves this page
      }
    },
    removeItem(key) {
      memory.delete(key);
      try {
        storage()?.removeItem(key);
      } catch {
        // nothing to remove from a blocked storage
      }
    },
  };
}
