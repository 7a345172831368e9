// Cognito's temporary credentials, shared by every page and tab of the origin through one
// localStorage key, so a visitor costs one GetId per browser and one GetCredentialsForIdentity per
// credential lifetime (1 hour), not one per page view (Cognito's quotas: GetId 25/s,
// GetCredentialsForIdentity 200/s per account). They allow only personalize:PutEvents, and the
// identity pool hands them to anyone anyway (docs/privacy.md). Refreshing is done by one tab at a
// time under a Web Lock; a tab that waited for it uses what the other fetched. Fresh credentials
// are read synchronously, so a send on page hide never waits for the network.
import { getCredentialsForIdentity, getId, type CognitoCredentials, type CognitoError } from './cognito-identity';
import { serviceNow } from './service-clock';
import { writeStorage } from '../shared/web-storage';
import type { DirectConfig } from '../types';

/** The localStorage key, and the Web Lock's name while a tab refreshes them. */
export const CREDENTIALS_KEY = 'personalize-tracker:credentials';
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000; // as the AWS SDK: credentials with less left are refreshed
const STORAGE_SYNC_MS = 1_000; // how long a tab that waited for the lock gives the other tab's write to show

/** What the key holds: the pool's identity id, and its credentials unless they were dropped. */
type Stored = { identityPoolId: string; identityId: string } & Partial<CognitoCredentials>;

let memory: Stored | undefined; // this page's copy, used where localStorage is blocked or refused the last write
let unwritable = false;
const refused = new Set<string>(); // access keys PutEvents refused in this page
const refreshing = new Map<string, Promise<CognitoCredentials>>(); // one refresh per pool at a time in this page

/** The clock expiry is judged on: the service's (Expiration is written on it), as learned from its Date header. */
const now = serviceNow;

function read(identityPoolId: string): Stored | undefined {
  let stored: Stored | null | undefined = memory;
  try {
    // Only the stored value while storage works: optOut() and other tabs change it.
    if (!unwritable) stored = JSON.parse(localStorage.getItem(CREDENTIALS_KEY)!);
  } catch {
    // blocked, or not JSON: this page's copy
  }
  return stored?.identityPoolId === identityPoolId ? stored : undefined;
}

function write(stored: Stored): void {
  memory = stored;
  unwritable = !writeStorage('localStorage', CREDENTIALS_KEY, JSON.stringify(stored)); // blocked or full: the memory copy serves this page
}

/** The stored credentials of the pool if more than 5 minutes remain, read synchronously. */
export function freshCredentials(identityPoolId: string): CognitoCredentials | undefined {
  const stored = read(identityPoolId);
  const fresh = stored?.accessKeyId && !refused.has(stored.accessKeyId) && stored.expiration! - now() > REFRESH_BEFORE_EXPIRY_MS;
  return fresh ? (stored as CognitoCredentials) : undefined;
}

/** GetId when no identity id is stored, then GetCredentialsForIdentity; a forgotten identity gets a new id. */
async function fetchCredentials(config: DirectConfig): Promise<CognitoCredentials> {
  const known = read(config.identityPoolId)?.identityId;
  const identityId = known ?? (await getId(config));
  let credentials: CognitoCredentials;
  try {
    credentials = await getCredentialsForIdentity(config, identityId);
  } catch (error) {
    // Cognito no longer knows the stored id (the identity was deleted, the emulator restarted).
    if (!known || (error as CognitoError).cognitoError !== 'ResourceNotFoundException') throw error;
    credentials = await getCredentialsForIdentity(config, await getId(config));
  }
  write({ identityPoolId: config.identityPoolId, ...credentials });
  return credentials;
}

/** Resolves once another tab's write of the key shows here, or after `ms`. */
function storageChange(ms: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      removeEventListener('storage', onStorage);
      clearTimeout(timer);
      done();
    };
    const onStorage = (event: StorageEvent) => event.key === CREDENTIALS_KEY && finish();
    const timer = setTimeout(finish, ms);
    addEventListener('storage', onStorage);
  });
}

/**
 * Refreshes under the origin's Web Lock, re-reading inside it: a tab that waited takes what another
 * fetched. Chromium passes localStorage writes between tabs asynchronously, so the lock can reach a
 * waiting tab before the other tab's write does: such a tab gives the write a moment to show.
 */
function refresh(config: DirectConfig): Promise<CognitoCredentials> {
  const { identityPoolId } = config;
  const refreshNow = async (waited: boolean) => {
    let fresh = freshCredentials(identityPoolId);
    if (!fresh && waited) {
      await storageChange(STORAGE_SYNC_MS);
      fresh = freshCredentials(identityPoolId);
    }
    return fresh ?? fetchCredentials(config);
  };
  let locked = false;
  const run = async () => {
    try {
      const locks = navigator.locks;
      const refreshLocked = (waited: boolean) => {
        locked = true;
        return refreshNow(waited);
      };
      const first = await locks.request(CREDENTIALS_KEY, { ifAvailable: true }, (lock) => lock && refreshLocked(false));
      return first ?? (await locks.request(CREDENTIALS_KEY, () => refreshLocked(true)));
    } catch (error) {
      if (locked) throw error;
      return refreshNow(false); // no Web Locks here (older browsers, opaque origins): fetch directly
    }
  };
  if (!refreshing.has(identityPoolId)) refreshing.set(identityPoolId, run().finally(() => refreshing.delete(identityPoolId)));
  return refreshing.get(identityPoolId)!;
}

/** Fresh credentials of the pool: the shared ones while more than 5 minutes remain, else new ones from Cognito. */
export function sharedCredentials(config: DirectConfig): Promise<CognitoCredentials> {
  const fresh = freshCredentials(config.identityPoolId);
  return fresh ? Promise.resolve(fresh) : refresh(config);
}

/**
 * Drops the credentials of `accessKeyId` (refused by PutEvents), keeping the identity id: this page's
 * next send refreshes them, and the new ones replace them for every page. Only this page forgets
 * them at once: writing the drop to storage could erase what another tab just fetched, before that
 * write shows here.
 */
export function dropCredentials(accessKeyId: string): void {
  refused.add(accessKeyId);
}
