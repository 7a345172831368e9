// Every name under which the tracker keeps something in the browser that both chunks use: web
// storage keys, the IndexedDB queue, and the Web Lock names. docs/privacy.md lists them all, with
// when each is written and deleted (e2e/node/docs.test.ts checks the list against src/).

/** The prefix of every web-storage key and lock name the tracker uses. */
export const KEY_PREFIX = 'personalize-tracker:';
/** IndexedDB database and object store holding queued events, shared by the origin's tabs. */
export const QUEUE_DATABASE = 'personalize-tracker';
export const QUEUE_STORE = 'events';
/** sessionStorage key of the tab's session id. */
export const SESSION_STORAGE_KEY = `${KEY_PREFIX}session`;
/** localStorage key of the visitor's choice, `in` or `out`. */
export const CONSENT_STORAGE_KEY = `${KEY_PREFIX}consent`;
/** Web-storage key prefix (then the owner id) of a page's events not yet in IndexedDB. */
export const UNSAVED_PREFIX = `${KEY_PREFIX}unsaved:`;
/** Web-storage key prefix (then the owner id) of the keys of events that left with keepalive as their page went away. */
export const LEFT_PREFIX = `${KEY_PREFIX}left:`;
/** Web Lock name prefix (then the owner id) held by each live page. */
export const OWNER_LOCK_PREFIX = `${KEY_PREFIX}owner:`;
