// The second copy of the visitor's choice, for when localStorage refuses it (full): an IndexedDB
// database of its own, written only then, and read when localStorage holds no choice, before the
// sender sends anything (tracker.ts). So an opt-out is never lost to a full localStorage.
import { createStore, get, set } from 'idb-keyval';
import { CONSENT_STORAGE_KEY } from '../loader/consent';
import { readStorage } from '../loader/web-storage';

/** IndexedDB database and store of the copy; its one key is `choice` too. */
export const CONSENT_COPY_DATABASE = 'personalize-tracker-consent';
const CONSENT_COPY_STORE = 'choice';

const copyStore = () => createStore(CONSENT_COPY_DATABASE, CONSENT_COPY_STORE);

/** Writes the copy (`in` or `out`). */
export const keepChoice = (choice: 'in' | 'out') => set(CONSENT_COPY_STORE, choice, copyStore());

/** The choice in localStorage, else the copy's; undefined for none. Never creates the database where the browser can list them. */
export async function storedChoice(): Promise<string | undefined> {
  const choice = readStorage('localStorage', CONSENT_STORAGE_KEY);
  if (choice === 'in' || choice === 'out') return choice;
  try {
    const databases = await indexedDB.databases?.();
    if (databases && !databases.some((database) => database.name === CONSENT_COPY_DATABASE)) return undefined;
    return await get<string>(CONSENT_COPY_STORE, copyStore());
  } catch {
    return undefined; // IndexedDB unusable: there is no copy either
  }
}
