// Scripted misbehaviour, set through POST /__emulator/faults: a FIFO of error answers for the next
// PutEvents calls, added latency, a "down" switch, and item ids the service refuses.
import type { ServiceError } from './http-util';
import type { PutEventsInput } from './put-events';

/** Status used for a scripted error when the script gives none. Unknown names get 400. */
const DEFAULT_STATUS: Record<string, number> = {
  ServiceUnavailable: 503,
  InternalFailure: 500,
  ThrottlingException: 400,
  InvalidInputException: 400,
  ResourceNotFoundException: 404,
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  IncompleteSignature: 403,
  ExpiredTokenException: 403,
  RequestEntityTooLarge: 413,
  TooManyRequestsException: 429,
};
const FALLBACK_STATUS = 400;
/** The wording the real services use for these errors. */
const DEFAULT_MESSAGE: Record<string, string> = {
  ServiceUnavailable: 'Service is unavailable. Please try again later.',
  InternalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
  ThrottlingException: 'Rate exceeded',
};

export interface FaultScript {
  fail?: { count: number; error: string; status?: number; retryAfterSeconds?: number };
  latencyMs?: number;
  down?: boolean;
  poisonItemIds?: string[];
}

export class Faults {
  private queue: ServiceError[] = [];
  latencyMs = 0;
  down = false;
  private poison = new Set<string>();

  /** Applies a script, or returns why it is malformed (nothing is applied then). */
  apply(script: unknown): string | undefined {
    if (typeof script !== 'object' || script === null || Array.isArray(script)) return 'the body must be a JSON object';
    const { fail, latencyMs, down, poisonItemIds } = script as Record<string, unknown>;
    const failed = fail === undefined ? undefined : parseFail(fail);
    if (typeof failed === 'string') return failed;
    if (latencyMs !== undefined && !(typeof latencyMs === 'number' && Number.isInteger(latencyMs) && latencyMs >= 0)) {
      return 'latencyMs must be a non-negative integer';
    }
    if (down !== undefined && typeof down !== 'boolean') return 'down must be true or false';
    if (poisonItemIds !== undefined && !(Array.isArray(poisonItemIds) && poisonItemIds.every((id) => typeof id === 'string'))) {
      return 'poisonItemIds must be a list of strings';
    }
    if (failed) this.queue.push(...failed);
    if (latencyMs !== undefined) this.latencyMs = latencyMs;
    if (down !== undefined) this.down = down;
    if (poisonItemIds !== undefined) this.poison = new Set(poisonItemIds as string[]);
    return undefined;
  }

  /** The scripted answer for this PutEvents, if one is queued. */
  takeScriptedError(): ServiceError | undefined {
    return this.queue.shift();
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
  }

  describe(): { pending: Array<{ error: string; status: number }>; latencyMs: number; down: boolean; poisonItemIds: string[] } {
    return {
      pending: this.queue.map((error) => ({ error: error.type, status: error.status })),
      latencyMs: this.latencyMs,
      down: this.down,
      poisonItemIds: [...this.poison],
    };
  }
}

function parseFail(fail: unknown): ServiceError[] | string {
  if (typeof fail !== 'object' || fail === null) return 'fail must be an object';
  const { count, error, status, retryAfterSeconds } = fail as Record<string, unknown>;
  if (!(typeof count === 'number' && Number.isInteger(count) && count >= 1)) return 'fail.count must be a positive integer';
  if (typeof error !== 'string' || error === '') return 'fail.error must be an error name';
  if (status !== undefined && !(typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599)) {
    return 'fail.status must be an HTTP error status (400-599)';
  }
  if (retryAfterSeconds !== undefined && !(typeof retryAfterSeconds === 'number' && Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) {
    return 'fail.retryAfterSeconds must be a non-negative integer';
  }
  const scripted: ServiceError = {
    status: (status as number | undefined) ?? DEFAULT_STATUS[error] ?? FALLBACK_STATUS,
    type: error,
    message: DEFAULT_MESSAGE[error] ?? `${error} (scripted by the emulator)`,
  };
  if (retryAfterSeconds !== undefined) scripted.retryAfterSeconds = retryAfterSeconds as number;
  return Array.from({ length: count }, () => ({ ...scripted }));
}
