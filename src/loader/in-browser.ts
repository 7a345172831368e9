// Where the npm entry runs: in a browser page, or somewhere without one (server-side rendering,
// Node, a build step). Node 21+ defines a global `navigator`, so neither it nor `window` alone
// tells a page apart (Deno 1.x defines `window` too); a document does.
/** Whether this code runs in a page: a window with a document. */
export const inBrowser = (): boolean => typeof window === 'object' && typeof document === 'object';
