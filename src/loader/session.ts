// The session id: one per tab, kept in sessionStorage so it survives reloads in that tab while a
// new tab starts a new session (sessionStorage is per tab: https://html.spec.whatwg.org/#dom-sessionstorage).
import { randomId } from '../shared/random-id';
import { SESSION_STORAGE_KEY } from '../shared/storage-names';
import { readStorage, writeStorage } from '../shared/web-storage';


/** The tab's session id, created on first use. */
export function currentSessionId(): string {
  return readStorage('sessionStorage', SESSION_STORAGE_KEY) || startNewSession();
}

/** Replaces the tab's session id with a new one (logout) and returns it; kept in memory where storage is blocked. */
export function startNewSession(): string {
  const sessionId = randomId();
  writeStorage('sessionStorage', SESSION_STORAGE_KEY, sessionId);
  return sessionId;
}
