// AWS Signature Version 4 verification for PutEvents and PutActionInteractions, written against
// the SigV4 specification and checked against the canonicalisation @smithy/signature-v4 performs,
// so real SDK requests verify. Both operations sign for service `personalize` (botocore's
// signingName; the JS SDK's httpAuthSchemeProvider names it for the whole client).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { buildCanonicalRequest, formatAmzDate, groupHeaders, parseAmzDate, sha256Hex } from './canonical.js';
import type { CredentialStore, SigningKey } from './credentials.js';
import type { ServiceError } from './http-util.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SIGNING_SERVICE = 'personalize';
const SCOPE_TERMINATOR = 'aws4_request';
/** AWS refuses a request whose x-amz-date is more than 5 minutes from its own clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
const MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export interface SignedRequest {
  method: string;
  /** Path and query exactly as received on the wire. */
  url: string;
  /** Node's rawHeaders: [name, value, name, value, ...]. */
  rawHeaders: string[];
  body: Buffer;
}

/** The credential that signed `request`, or the error AWS answers; `nowMs` is the emulated service's clock. */
export function verifySignature(request: SignedRequest, store: CredentialStore, nowMs: number): SigningKey | ServiceError {
  const headers = groupHeaders(request.rawHeaders);
  const authorization = headers.get('authorization')?.[0];
  if (authorization === undefined) return incomplete('Request is missing Authentication Token');
  const auth = parseAuthorization(authorization);
  if (typeof auth === 'string') return incomplete(auth);

  const amzDate = headers.get('x-amz-date')?.[0];
  if (amzDate === undefined) return incomplete("Authorization header requires existence of a 'X-Amz-Date' header.");
  const signedAtMs = parseAmzDate(amzDate);
  if (signedAtMs === undefined) return incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  const required = checkSignedHeaderList(auth.signedHeaders, headers);
  if (required) return incomplete(required);

  const [accessKeyId, scopeDate, scopeRegion] = auth.credential;
  const scopeProblem = checkScope(auth.credential, amzDate);
  if (scopeProblem) return invalid(scopeProblem);

  const credential = store.find(accessKeyId);
  const token = headers.get('x-amz-security-token')?.[0];
  if (!credential || token !== credential.sessionToken) {
    return { status: 403, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  if (store.isExpired(credential, nowMs)) {
    return { status: 403, type: 'ExpiredTokenException', message: 'The security token included in the request is expired' };
  }
  if (scopeRegion !== credential.region) {
    return invalid(`Credential should be scoped to a valid region, not '${scopeRegion}'. These credentials belong to '${credential.region}'.`);
  }
  const skew = describeSkew(amzDate, signedAtMs, nowMs);
  if (skew) return invalid(skew);

  const payloadHash = headers.get('x-amz-content-sha256')![0]!;
  const canonicalRequest = buildCanonicalRequest(request.method, request.url, headers, auth.signedHeaders, payloadHash);
  const scope = auth.credential.slice(1).join('/');
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = signingSignature(credential.secretKey, scopeDate, scopeRegion, stringToSign);
  if (!sameHex(expected, auth.signature)) {
    return invalid(`${MISMATCH_MESSAGE}\n\nThe Canonical String for this request should have been\n'${canonicalRequest}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`);
  }
  // The signer trusts x-amz-content-sha256 instead of hashing the body, so compare it ourselves.
  if (payloadHash !== sha256Hex(request.body)) {
    return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  return credential;
}

interface Authorization {
  /** keyid/date/region/service/terminator */
  credential: [string, string, string, string, string];
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(value: string): Authorization | string {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) return `Unsupported AWS 'algorithm': '${algorithm}'. Expected '${ALGORITHM}'.`;
  const parts = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((key) => !parts.get(key));
  if (missing.length > 0) {
    return `${missing.map((key) => `Authorization header requires '${key}' parameter.`).join(' ')} Authorization=${value}`;
  }
  const credential = parts.get('Credential')!.split('/');
  if (credential.length !== 5 || credential.some((element) => element === '')) {
    return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.get('Credential')}'`;
  }
  return { credential: credential as Authorization['credential'], signedHeaders: parts.get('SignedHeaders')!.split(';'), signature: parts.get('Signature')! };
}

/** Returns a complaint, or undefined when the signed header list is acceptable. */
function checkSignedHeaderList(signed: string[], headers: Map<string, string[]>): string | undefined {
  const normalized = [...new Set(signed.map((name) => name.toLowerCase()))].sort();
  if (normalized.join(';') !== signed.join(';')) return `SignedHeaders must be lowercase, sorted and unique; got '${signed.join(';')}'.`;
  if (!signed.includes('host')) return "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
  if (!signed.includes('x-amz-date')) return "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.";
  const contentHash = headers.get('x-amz-content-sha256')?.[0];
  if (contentHash === undefined) return "Missing required header 'x-amz-content-sha256'.";
  if (!SHA256_HEX_PATTERN.test(contentHash)) return `'x-amz-content-sha256' must be the lowercase hex SHA-256 of the body; got '${contentHash}'.`;
  if (!signed.includes('x-amz-content-sha256')) return "'X-Amz-Content-Sha256' must be a 'SignedHeader' in the AWS Authorization.";
  if (headers.has('x-amz-security-token') && !signed.includes('x-amz-security-token')) {
    return "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.";
  }
  const absent = signed.find((name) => !headers.has(name));
  return absent === undefined ? undefined : `Signed header '${absent}' is not present in the request.`;
}

/** The credential scope must be <day of x-amz-date>/<region>/personalize/aws4_request. */
function checkScope([, scopeDate, , scopeService, terminator]: string[], amzDate: string): string | undefined {
  if (scopeDate !== amzDate.slice(0, 8)) {
    return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`;
  }
  if (scopeService !== SIGNING_SERVICE) return `Credential should be scoped to correct service: '${SIGNING_SERVICE}'. `;
  if (terminator !== SCOPE_TERMINATOR) return `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'.`;
  return undefined;
}

function describeSkew(amzDate: string, signedAtMs: number, nowMs: number): string | undefined {
  if (signedAtMs < nowMs - MAX_CLOCK_SKEW_MS) {
    return `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} - 5 min.)`;
  }
  if (signedAtMs > nowMs + MAX_CLOCK_SKEW_MS) {
    return `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`;
  }
  return undefined;
}

function signingSignature(secretKey: string, date: string, region: string, stringToSign: string): string {
  let key: Buffer = hmac(`AWS4${secretKey}`, date);
  for (const part of [region, SIGNING_SERVICE, SCOPE_TERMINATOR]) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sameHex(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}

function incomplete(message: string): ServiceError {
  return { status: 403, type: 'IncompleteSignature', message };
}

function invalid(message: string): ServiceError {
  return { status: 403, type: 'InvalidSignatureException', message };
}
