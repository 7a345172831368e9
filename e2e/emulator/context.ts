// The state one emulator instance shares between its routes.
import { CredentialStore } from './credentials';
import { EventLog } from './event-log';
import { Faults } from './faults';
import { createKnownIds, type KnownIds } from './ids';

export interface EmulatorContext {
  store: CredentialStore;
  known: KnownIds;
  faults: Faults;
  log: EventLog;
}

export interface ContextOptions {
  logFile?: string;
  credentialTtlSeconds?: number;
  trackingIds?: string[];
  identityPoolIds?: string[];
}

export function createContext(options: ContextOptions): EmulatorContext {
  return {
    store: new CredentialStore(options.credentialTtlSeconds),
    known: createKnownIds(options.trackingIds, options.identityPoolIds),
    faults: new Faults(),
    log: new EventLog(options.logFile),
  };
}
