// The session id: one per tab, kept in sessionStorage so it survives reloads in that tab while a
// new tab starts a new session (sessionStorage is per tab: https://html.spec.whatwg.org/#dom-sessionstorage).
import { randomId } from './random-id';

/** The sessionStorage key holding the session id. */
export const SESSION_STORAGE_KEY = 'personalize-tracker:session';

let memorySessionId: string | undefined; // when sessionStorage is blocked (sandboxed frames, some privacy modes)

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The tab's session id, created on first use. */
export function currentSessionId(): string {
  try {
    const stored = storage()?.getItem(SESSION_STORAGE_KEY);
    if (stored) return stored;
  } catch {
    // fall through to a new id
  }
  return startNewSession(memorySessionId);
}

/** Replaces the tab's session id with a new one (logout) and returns it. */
export function startNewSession(reuse?: string): string {
  const sessionId = reuse ?? randomId();
  memorySessionId = sessionId;
  try {
    storage()?.setItem(SESSION_STORAGE_KEY, sessionId);
  } catch {
    // quota or blocked storage: the in-memory id keeps this page consistent
  }
  return sessionId;
}
