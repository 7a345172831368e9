// The visitor's choice about tracking, the sender's side (the loader's is loader/consent.ts). The
// loader tells it each optOut() and optIn() (chose). localStorage may refuse the choice (full), so
// it is also written to an IndexedDB database of its own. Before each pass the sender reads the
// choice, the copy where localStorage holds none, so an opt-out is never lost to a full
// localStorage; the loader learns of such an opt-out once. An opt-out also deletes every page's
// stored queue here, since a page may opt out before its own sender started.
import { get, set, type UseStore } from 'idb-keyval';
import { createClosingStore } from './closing-store';
import { CONSENT_STORAGE_KEY } from '../shared/storage-names';
import { readStorage } from '../shared/web-storage';
import { clearStoredQueue } from './stored-queue';

/** IndexedDB database and store of the copy; its one key is `choice`. */
export const CONSENT_COPY_DATABASE = 'personalize-tracker-consent';
const CONSENT_COPY_STORE = 'choice';

let store: UseStore | undefined;
function copyStore(): UseStore {
  store ??= createClosingStore(CONSENT_COPY_DATABASE, CONSENT_COPY_STORE);
  return store;
}

let known: Promise<string | undefined> | undefined; // the latest choice this chunk knows of

/** Keeps the visitor's choice in IndexedDB too; after an opt-out, deletes what the loader cannot reach synchronously. */
export async function chose(choice: 'in' | 'out'): Promise<void> {
  known = Promise.resolve(choice);
  if (choice === 'out') await clearStoredQueue();
  await set(CONSENT_COPY_STORE, choice, copyStore());
}

/** The visitor's choice: localStorage's (it follows other tabs), else the latest made on this page, else the IndexedDB copy's. */
export function knownChoice(): Promise<string | undefined> {
  const stored = readStorage('localStorage', CONSENT_STORAGE_KEY);
  if (stored === 'in' || stored === 'out') return Promise.resolve(stored);
  known ??= readCopy();
  return known;
}

/** Never creates the database where the browser lists them. */
async function readCopy(): Promise<string | undefined> {
  try {
    const databases = await indexedDB.databases?.();
    if (databases && !databases.some((database) => database.name === CONSENT_COPY_DATABASE)) return undefined;
    return await get(CONSENT_COPY_STORE, copyStore());
  } catch {
    return undefined; // IndexedDB unusable: there is no copy either
  }
}

/** Returns allows(): whether events may leave now, by the choice known; an opt-out the loader did not make reaches it once, through `optOut`. */
export function createConsentCheck(optOut: () => void): () => Promise<boolean> {
  let toldLoader = false;
  return async () => {
    const allowed = (await knownChoice()) !== 'out';
    if (!allowed && !toldLoader) {
      toldLoader = true;
      optOut();
    }
    return allowed;
  };
}
