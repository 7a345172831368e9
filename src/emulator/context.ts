// The state one emulator instance shares between its routes.
import { checkAccessKeys, CredentialStore, type AccessKey } from './credentials.js';
import { EventLog } from './event-log.js';
import { checkRateLimits, MAX_CREDENTIAL_TTL_SECONDS, OPERATIONS, type Operation } from './fault-script.js';
import { Faults, type RateLimits } from './faults.js';
import { createKnownIds, type KnownIds } from './ids.js';

export interface EmulatorContext {
  store: CredentialStore;
  known: KnownIds;
  faults: Faults;
  log: EventLog;
  /** Calls received per operation since the start or the last reset, answered or refused. */
  calls: Record<Operation, number>;
}

export interface ContextOptions {
  /** Append every accepted event and action interaction to this file as a JSON line. Default none. */
  logFile?: string;
  /** Accepted events kept for /__emulator/events, and action interactions for /__emulator/action-interactions (ring buffers). Default 20,000. */
  maxEvents?: number;
  /** PutEvents and PutActionInteractions attempts kept for /__emulator/requests (a ring buffer). Default 10,000. */
  maxRequests?: number;
  /** Lifetime of issued credentials, 1-43200 s. Default 3600. */
  credentialTtlSeconds?: number;
  /** Calls per second per operation (PutEvents, PutActionInteractions: per tracking id), answered with AWS's throttling error beyond. Default none. */
  rateLimits?: RateLimits;
  trackingIds?: string[];
  identityPoolIds?: string[];
  /** Long-term access keys PutEvents and PutActionInteractions accept besides Cognito's credentials and the test pair (TEST_ACCESS_KEY_ID). Default none. */
  accessKeys?: AccessKey[];
}

/** Throws on options the CLI would refuse too. */
export function createContext(options: ContextOptions): EmulatorContext {
  const ttl = options.credentialTtlSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 1 && ttl <= MAX_CREDENTIAL_TTL_SECONDS)) {
    throw new RangeError(`credentialTtlSeconds must be an integer from 1 to ${MAX_CREDENTIAL_TTL_SECONDS} (got ${ttl})`);
  }
  const limitsProblem = options.rateLimits === undefined ? undefined : checkRateLimits(options.rateLimits);
  if (limitsProblem) throw new RangeError(limitsProblem);
  checkAccessKeys(options.accessKeys ?? []);
  return {
    store: new CredentialStore(options.accessKeys),
    known: createKnownIds(options.trackingIds, options.identityPoolIds),
    faults: new Faults({ rateLimits: options.rateLimits, credentialTtlSeconds: options.credentialTtlSeconds }),
    log: new EventLog({ logFile: options.logFile, maxEvents: options.maxEvents, maxRequests: options.maxRequests }),
    calls: zeroCalls(),
  };
}

/** Every operation's call count at 0. */
export function zeroCalls(): Record<Operation, number> {
  return Object.fromEntries(OPERATIONS.map((operation) => [operation, 0])) as Record<Operation, number>;
}

/** What POST /__emulator/reset does: logs, counts and faults cleared; identities and credentials kept. */
export function resetContext(context: EmulatorContext): void {
  context.faults.reset();
  context.log.clear();
  Object.assign(context.calls, zeroCalls());
}
