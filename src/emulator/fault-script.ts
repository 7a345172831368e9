// The body of POST /__emulator/faults: what it may hold, and its validation. A malformed script is
// refused whole, so nothing of it applies.
import type { ServiceError } from './http-util.js';

/** The operations a scripted error or a rate limit can target. */
export const OPERATIONS = ['PutEvents', 'PutActionInteractions', 'GetId', 'GetCredentialsForIdentity'] as const;
export type Operation = (typeof OPERATIONS)[number];
/** The SigV4-signed Personalize Events operations (signed-route.ts). */
export type EventsOperation = Extract<Operation, 'PutEvents' | 'PutActionInteractions'>;
/** What `fail.operation: "Cognito"` stands for. */
export const COGNITO_OPERATIONS: readonly Operation[] = ['GetId', 'GetCredentialsForIdentity'];
/** `fail.operation` may also name both Cognito operations at once. */
type FailTarget = Operation | 'Cognito';
const FAIL_TARGETS: readonly string[] = [...OPERATIONS, 'Cognito'];

export type RateLimits = Partial<Record<Operation, number>>;

/** Longest credential lifetime Cognito grants (12 hours), in seconds. */
export const MAX_CREDENTIAL_TTL_SECONDS = 43_200;
/** A clock offset beyond a year is surely a typo. */
const MAX_CLOCK_OFFSET_MS = 366 * 24 * 3600 * 1000;

/** Status used for a scripted error when the script gives none. Unknown names get 400. */
const DEFAULT_STATUS: Record<string, number> = {
  ServiceUnavailable: 503,
  InternalFailure: 500,
  InternalErrorException: 500,
  ThrottlingException: 400,
  InvalidInputException: 400,
  ResourceNotFoundException: 404,
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  IncompleteSignature: 403,
  ExpiredTokenException: 403,
  NotAuthorizedException: 400,
  RequestEntityTooLarge: 413,
  TooManyRequestsException: 429,
};
const FALLBACK_STATUS = 400;
/** The wording the real services use for these errors. */
export const DEFAULT_MESSAGE: Record<string, string> = {
  ServiceUnavailable: 'Service is unavailable. Please try again later.',
  InternalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
  ThrottlingException: 'Rate exceeded',
  TooManyRequestsException: 'Rate exceeded',
};

export interface FaultScript {
  fail?: { count: number; error: string; status?: number; retryAfterSeconds?: number; operation?: FailTarget };
  latencyMs?: number;
  down?: boolean;
  poisonItemIds?: string[];
  /** Added to the emulator's clock (Date header, signature and credential expiry, receivedAt). */
  clockOffsetMs?: number;
  /** Calls per second allowed per operation (PutEvents, PutActionInteractions: per tracking id); null lifts a limit. */
  rateLimits?: Partial<Record<Operation, number | null>>;
  /** Lifetime of credentials issued from now on. */
  credentialTtlSeconds?: number;
}

export interface ScriptedError extends ServiceError {
  operation: FailTarget;
}

/** A validated script: `fail` expanded to one entry per call. */
export type ParsedScript = Omit<FaultScript, 'fail'> & { fail?: ScriptedError[] };

const isInteger = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** The parsed script, or why it is malformed. */
export function parseFaultScript(script: unknown): ParsedScript | string {
  if (typeof script !== 'object' || script === null || Array.isArray(script)) return 'the body must be a JSON object';
  const { fail, latencyMs, down, poisonItemIds, clockOffsetMs, rateLimits, credentialTtlSeconds } = script as Record<string, unknown>;
  const parsed: ParsedScript = {};
  if (fail !== undefined) {
    const failed = parseFail(fail);
    if (typeof failed === 'string') return failed;
    parsed.fail = failed;
  }
  if (latencyMs !== undefined && !isInteger(latencyMs, 0)) return 'latencyMs must be a non-negative integer';
  if (down !== undefined && typeof down !== 'boolean') return 'down must be true or false';
  if (poisonItemIds !== undefined && !(Array.isArray(poisonItemIds) && poisonItemIds.every((id) => typeof id === 'string'))) {
    return 'poisonItemIds must be a list of strings';
  }
  if (clockOffsetMs !== undefined && !isInteger(clockOffsetMs, -MAX_CLOCK_OFFSET_MS, MAX_CLOCK_OFFSET_MS)) {
    return `clockOffsetMs must be an integer from ${-MAX_CLOCK_OFFSET_MS} to ${MAX_CLOCK_OFFSET_MS}`;
  }
  if (credentialTtlSeconds !== undefined && !isInteger(credentialTtlSeconds, 1, MAX_CREDENTIAL_TTL_SECONDS)) {
    return `credentialTtlSeconds must be an integer from 1 to ${MAX_CREDENTIAL_TTL_SECONDS}`;
  }
  if (rateLimits !== undefined) {
    const problem = checkRateLimits(rateLimits);
    if (problem) return problem;
  }
  return Object.assign(parsed, {
    ...(latencyMs !== undefined && { latencyMs }),
    ...(down !== undefined && { down }),
    ...(poisonItemIds !== undefined && { poisonItemIds }),
    ...(clockOffsetMs !== undefined && { clockOffsetMs }),
    ...(credentialTtlSeconds !== undefined && { credentialTtlSeconds }),
    ...(rateLimits !== undefined && { rateLimits }),
  }) as ParsedScript;
}

/** Rate limits: `{ "<Operation>": <positive integer per second> | null }`; an empty object is fine. */
export function checkRateLimits(limits: unknown): string | undefined {
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) return 'rateLimits must be an object';
  for (const [name, value] of Object.entries(limits)) {
    if (!(OPERATIONS as readonly string[]).includes(name)) return `rateLimits.${name}: not an operation (${OPERATIONS.join(', ')})`;
    if (value !== null && !isInteger(value, 1)) return `rateLimits.${name} must be a positive integer (calls per second) or null`;
  }
  return undefined;
}

function parseFail(fail: unknown): ScriptedError[] | string {
  if (typeof fail !== 'object' || fail === null) return 'fail must be an object';
  const { count, error, status, retryAfterSeconds, operation = 'PutEvents' } = fail as Record<string, unknown>;
  if (!isInteger(count, 1)) return 'fail.count must be a positive integer';
  if (typeof error !== 'string' || error === '') return 'fail.error must be an error name';
  if (status !== undefined && !isInteger(status, 400, 599)) return 'fail.status must be an HTTP error status (400-599)';
  if (retryAfterSeconds !== undefined && !isInteger(retryAfterSeconds, 0)) return 'fail.retryAfterSeconds must be a non-negative integer';
  if (typeof operation !== 'string' || !FAIL_TARGETS.includes(operation)) return `fail.operation must be one of ${FAIL_TARGETS.join(', ')}`;
  const scripted: ScriptedError = {
    status: (status as number | undefined) ?? DEFAULT_STATUS[error] ?? FALLBACK_STATUS,
    type: error,
    message: DEFAULT_MESSAGE[error] ?? `${error} (scripted by the emulator)`,
    operation: operation as FailTarget,
  };
  if (retryAfterSeconds !== undefined) scripted.retryAfterSeconds = retryAfterSeconds;
  return Array.from({ length: count }, () => ({ ...scripted }));
}
