// Scripted misbehaviour, set through POST /__emulator/faults (fault-script.ts): a FIFO of error
// answers for the next PutEvents, PutActionInteractions or Cognito calls, latency, a "down" switch, item ids the service
// refuses, a shifted server clock, per-second rate limits and the lifetime of new credentials.
import { DEFAULT_CREDENTIAL_TTL_SECONDS } from './credentials.js';
import { COGNITO_OPERATIONS, DEFAULT_MESSAGE, parseFaultScript, type Operation, type RateLimits, type ScriptedError } from './fault-script.js';
import type { ServiceError } from './http-util.js';
import type { PutEventsInput } from './put-events.js';
import { RateLimiter } from './rate-limiter.js';

export type { FaultScript, Operation, RateLimits } from './fault-script.js';

/** What reset() returns to: the start options. */
export interface FaultDefaults {
  /** Default none. */
  rateLimits?: RateLimits;
  /** Default 3600 (DEFAULT_CREDENTIAL_TTL_SECONDS). */
  credentialTtlSeconds?: number;
}

/** The error a rate-limited call answers, by operation: the names and statuses AWS uses. */
const THROTTLED: Record<Operation, ServiceError> = {
  PutEvents: { status: 400, type: 'ThrottlingException', message: DEFAULT_MESSAGE.ThrottlingException! },
  PutActionInteractions: { status: 400, type: 'ThrottlingException', message: DEFAULT_MESSAGE.ThrottlingException! },
  GetId: { status: 429, type: 'TooManyRequestsException', message: DEFAULT_MESSAGE.TooManyRequestsException! },
  GetCredentialsForIdentity: { status: 429, type: 'TooManyRequestsException', message: DEFAULT_MESSAGE.TooManyRequestsException! },
};

export class Faults {
  private queue: ScriptedError[] = [];
  latencyMs = 0;
  down = false;
  private poison = new Set<string>();
  clockOffsetMs = 0;
  rateLimits: RateLimits;
  credentialTtlSeconds: number;
  private readonly limiter = new RateLimiter();

  constructor(private readonly defaults: FaultDefaults = {}) {
    this.rateLimits = { ...defaults.rateLimits };
    this.credentialTtlSeconds = defaults.credentialTtlSeconds ?? DEFAULT_CREDENTIAL_TTL_SECONDS;
  }

  /** Applies a script, or returns why it is malformed (nothing is applied then). */
  apply(script: unknown): string | undefined {
    const parsed = parseFaultScript(script);
    if (typeof parsed === 'string') return parsed;
    if (parsed.fail) this.queue.push(...parsed.fail);
    if (parsed.latencyMs !== undefined) this.latencyMs = parsed.latencyMs;
    if (parsed.down !== undefined) this.down = parsed.down;
    if (parsed.poisonItemIds !== undefined) this.poison = new Set(parsed.poisonItemIds);
    if (parsed.clockOffsetMs !== undefined) this.clockOffsetMs = parsed.clockOffsetMs;
    if (parsed.credentialTtlSeconds !== undefined) this.credentialTtlSeconds = parsed.credentialTtlSeconds;
    for (const [operation, limit] of Object.entries(parsed.rateLimits ?? {}) as Array<[Operation, number | null]>) {
      if (limit === null) delete this.rateLimits[operation];
      else this.rateLimits[operation] = limit;
    }
    return undefined;
  }

  /** The emulated service's clock, epoch milliseconds: the real one plus clockOffsetMs. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** The first queued scripted answer meant for this operation, if any. */
  takeScriptedError(operation: Operation): ServiceError | undefined {
    const index = this.queue.findIndex((error) => error.operation === operation || (error.operation === 'Cognito' && COGNITO_OPERATIONS.includes(operation)));
    if (index < 0) return undefined;
    const [{ operation: _target, ...error }] = this.queue.splice(index, 1) as [ScriptedError];
    return error;
  }

  /** The throttling answer when this call is over its rate limit (`key`: the tracking id for PutEvents and PutActionInteractions). */
  throttle(operation: Operation, key = ''): ServiceError | undefined {
    const limit = this.rateLimits[operation];
    if (limit === undefined || this.limiter.allow(`${operation}:${key}`, limit, Date.now())) return undefined;
    return { ...THROTTLED[operation] };
  }

  /** Refuses a request carrying a poisoned item id, naming the event. */
  poisonMessage(input: PutEventsInput): string | undefined {
    const index = input.eventList.findIndex((event) => event.itemId !== undefined && this.poison.has(event.itemId));
    return index < 0 ? undefined : `eventList[${index}].itemId "${input.eventList[index]!.itemId}" was rejected`;
  }

  reset(): void {
    this.queue = [];
    this.latencyMs = 0;
    this.down = false;
    this.poison = new Set();
    this.clockOffsetMs = 0;
    this.rateLimits = { ...this.defaults.rateLimits };
    this.credentialTtlSeconds = this.defaults.credentialTtlSeconds ?? DEFAULT_CREDENTIAL_TTL_SECONDS;
    this.limiter.clear();
  }

  describe() {
    return {
      pending: this.queue.map((error) => ({ error: error.type, status: error.status, operation: error.operation })),
      latencyMs: this.latencyMs,
      down: this.down,
      poisonItemIds: [...this.poison],
      clockOffsetMs: this.clockOffsetMs,
      rateLimits: { ...this.rateLimits },
      credentialTtlSeconds: this.credentialTtlSeconds,
    };
  }
}
