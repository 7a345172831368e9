// Emulated Cognito Identity (awsJson1_1, POST / with X-Amz-Target): GetId and
// GetCredentialsForIdentity for unauthenticated identities. Both operations are unsigned.
import { codePointLength } from './code-points.js';
import type { CredentialStore } from './credentials.js';
import type { ServiceError } from './http-util.js';
import type { KnownIds } from './ids.js';

const TARGET_PREFIX = 'AWSCognitoIdentityService.';
export const COGNITO_CONTENT_TYPE = 'application/x-amz-json-1.1';
/** IdentityPoolId and IdentityId share these limits in the Cognito Identity model (code points). */
const ID_MAX_LENGTH = 55;
const ID_PATTERN_SOURCE = '[\\w-]+:[0-9a-f-]+';
const ID_PATTERN = new RegExp(`^(?:${ID_PATTERN_SOURCE})$`);
const ACCOUNT_ID_PATTERN = /^\d{1,15}$/;
/** CustomRoleArn limits from the model. */
const ROLE_ARN_MIN_LENGTH = 20;
const ROLE_ARN_MAX_LENGTH = 2048;

export interface CognitoResult {
  status: number;
  body: unknown;
}

type Input = Record<string, unknown>;
export type CognitoOperation = 'GetId' | 'GetCredentialsForIdentity';

/** The operation an X-Amz-Target names, when it is one this emulator serves. */
export function cognitoOperation(target: string | undefined): CognitoOperation | undefined {
  const operation = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  return operation === 'GetId' || operation === 'GetCredentialsForIdentity' ? operation : undefined;
}

/** Where a GetCredentialsForIdentity gets its clock and credential lifetime. */
export interface IssueSettings {
  nowMs: number;
  ttlSeconds: number;
}

export function handleCognito(target: string | undefined, contentType: string | undefined, rawBody: Buffer, store: CredentialStore, known: KnownIds, issue: IssueSettings): CognitoResult | ServiceError {
  const operation = cognitoOperation(target);
  if (operation === undefined) return error(400, 'UnknownOperationException', `Unknown operation ${target ?? '(no X-Amz-Target header)'}`);
  if (!contentType?.toLowerCase().startsWith(COGNITO_CONTENT_TYPE)) {
    return error(400, 'SerializationException', `Content-Type must be ${COGNITO_CONTENT_TYPE} (got ${contentType ?? 'none'})`);
  }
  let input: unknown;
  try {
    input = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return error(400, 'SerializationException', 'The request body is not valid JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return error(400, 'SerializationException', 'The request body must be a JSON object');
  }
  return operation === 'GetId' ? getId(input as Input, store, known) : getCredentials(input as Input, store, issue);
}

function getId(input: Input, store: CredentialStore, known: KnownIds): CognitoResult | ServiceError {
  const refused =
    checkId(input.IdentityPoolId, 'identityPoolId') ??
    checkOptionalString(input.AccountId, 'accountId', (v) => ACCOUNT_ID_PATTERN.test(v), 'Member must satisfy regular expression pattern: \\d+') ??
    checkNoLogins(input.Logins);
  if (refused) return refused;
  const poolId = input.IdentityPoolId as string;
  if (!known.identityPoolIds.has(poolId)) return error(404, 'ResourceNotFoundException', `IdentityPool '${poolId}' not found.`);
  return { status: 200, body: { IdentityId: store.issueIdentity(poolId) } };
}

function getCredentials(input: Input, store: CredentialStore, issue: IssueSettings): CognitoResult | ServiceError {
  const refused =
    checkId(input.IdentityId, 'identityId') ??
    checkOptionalString(input.CustomRoleArn, 'customRoleArn', (v) => codePointLength(v) >= ROLE_ARN_MIN_LENGTH && codePointLength(v) <= ROLE_ARN_MAX_LENGTH, `Member must have length between ${ROLE_ARN_MIN_LENGTH} and ${ROLE_ARN_MAX_LENGTH}`) ??
    checkNoLogins(input.Logins);
  if (refused) return refused;
  const identityId = input.IdentityId as string;
  if (!store.hasIdentity(identityId)) return error(404, 'ResourceNotFoundException', `Identity '${identityId}' not found.`);
  if (input.CustomRoleArn !== undefined && input.CustomRoleArn !== null) {
    return error(400, 'InvalidParameterException', 'CustomRoleArn is not supported by this identity pool (no role mapping configured).');
  }
  const credential = store.issueCredential(identityId, issue.nowMs, issue.ttlSeconds);
  return {
    status: 200,
    body: {
      IdentityId: identityId,
      Credentials: {
        AccessKeyId: credential.accessKeyId,
        SecretKey: credential.secretKey,
        SessionToken: credential.sessionToken,
        Expiration: credential.expiration,
      },
    },
  };
}

/** IdentityPoolId / IdentityId: required, 1-55 characters, pattern [\w-]+:[0-9a-f-]+. */
function checkId(value: unknown, member: string): ServiceError | undefined {
  if (value === undefined || value === null) return validation('null', member, 'Member must not be null');
  if (typeof value !== 'string') return error(400, 'SerializationException', `${member} must be a string (got ${typeof value})`);
  const length = codePointLength(value);
  if (length < 1) return validation(`'${value}'`, member, 'Member must have length greater than or equal to 1');
  if (length > ID_MAX_LENGTH) return validation(`'${value}'`, member, `Member must have length less than or equal to ${ID_MAX_LENGTH}`);
  if (!ID_PATTERN.test(value)) return validation(`'${value}'`, member, `Member must satisfy regular expression pattern: ${ID_PATTERN_SOURCE}`);
  return undefined;
}

function checkOptionalString(value: unknown, member: string, ok: (v: string) => boolean, constraint: string): ServiceError | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return error(400, 'SerializationException', `${member} must be a string (got ${typeof value})`);
  return ok(value) ? undefined : validation(`'${value}'`, member, constraint);
}

/** The emulated pools only allow unauthenticated identities, like the demo's real pool. */
function checkNoLogins(logins: unknown): ServiceError | undefined {
  if (logins === undefined || logins === null) return undefined;
  if (typeof logins !== 'object' || Array.isArray(logins)) return error(400, 'SerializationException', 'logins must be a map');
  if (Object.keys(logins).length === 0) return undefined;
  return error(400, 'NotAuthorizedException', 'Invalid login token. This identity pool has no authentication providers.');
}

/** Coral-style validation message, as the real service words it. */
function validation(shownValue: string, member: string, constraint: string): ServiceError {
  return error(400, 'InvalidParameterException', `1 validation error detected: Value ${shownValue} at '${member}' failed to satisfy constraint: ${constraint}`);
}

function error(status: number, type: string, message: string): ServiceError {
  return { status, type, message };
}
