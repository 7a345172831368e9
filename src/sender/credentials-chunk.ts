// What the loader imports at init() to fetch the shared Cognito credentials while the sender chunk
// loads (loader/tracker.ts); its one export has a short name, since the loader spells it out.
export { warmCredentials as warm } from './shared-credentials';
