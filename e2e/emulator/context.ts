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
  /** Append every accepted event to this file as a JSON line. Default none. */
  logFile?: string;
  /** Accepted events kept for /__emulator/events (a ring buffer). Default 20,000. */
  maxEvents?: number;
  /** PutEvents attempts kept for /__emulator/requests (a ring buffer). Default 10,000. */
  maxRequests?: number;
  credentialTtlSeconds?: number;
  trackingIds?: string[];
  identityPoolIds?: string[];
}

export function createContext(options: ContextOptions): EmulatorContext {
  return {
    store: new CredentialStore(options.credentialTtlSeconds),
    known: createKnownIds(options.trackingIds, options.identityPoolIds),
    faults: new Faults(),
    log: new EventLog({ logFile: options.logFile, maxEvents: options.maxEvents, maxRequests: options.maxRequests }),
  };
}
