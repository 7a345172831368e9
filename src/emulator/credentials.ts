// Identities and temporary credentials issued by the emulated Cognito identity pool, kept in
// memory so the PutEvents signature check can look them up by access key id, and the long-term
// access keys a server (the relay) signs with: the well-known test pair plus any given at start.
import { randomBytes, randomUUID } from 'node:crypto';
import { DEMO_REGION, regionOf } from './ids.js';

/** Real Cognito credentials last one hour at most. */
export const DEFAULT_CREDENTIAL_TTL_SECONDS = 3600;

const ACCESS_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Temporary (STS) access key ids are 20 characters and start with ASIA. */
const ACCESS_KEY_RANDOM_CHARS = 16;
/** Real secret keys are 40 characters of base64. */
const SECRET_KEY_BYTES = 30;
/** Real session tokens are long opaque base64 strings; 256 bytes gives a similar shape. */
const SESSION_TOKEN_BYTES = 256;

/**
 * AWS's documented example access key pair (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html),
 * known to every emulator: a server-side signer (the relay, an IAM role's stand-in) signs with it.
 */
export const TEST_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A long-term access key (an IAM user's `AKIA…`), or a role session's key with its token, that the emulator accepts. */
export interface AccessKey {
  /** 16-128 word characters, as IAM's AccessKeyId. */
  accessKeyId: string;
  secretAccessKey: string;
  /** Required on every request signed with this key when set (a role session's credentials); default none. */
  sessionToken?: string;
  /** The region requests must be signed for (the emulator has no endpoint per region). Default `us-east-1` (DEMO_REGION). */
  region?: string;
}

/** What a signature is checked against: any credential the emulator knows. */
export interface SigningKey {
  accessKeyId: string;
  secretKey: string;
  /** Must match x-amz-security-token; a key without one refuses a request that sends a token. */
  sessionToken?: string;
  /** A PutEvents must be signed for this region. */
  region: string;
  /** Epoch seconds; long-term keys have none and never expire. */
  expiration?: number;
  /** Set by the expire-credentials control: the credential is expired from then on. */
  revokedAtMs?: number;
}

export interface IssuedCredential extends SigningKey {
  sessionToken: string;
  identityId: string;
  /** Region of the identity pool. */
  region: string;
  /** Epoch seconds, as returned to the client in Credentials.Expiration. */
  expiration: number;
}

const ACCESS_KEY_ID_PATTERN = /^\w{16,128}$/;

/** Throws a RangeError naming the first unusable key (the CLI and startEmulator refuse them at start). */
export function checkAccessKeys(keys: AccessKey[]): void {
  for (const [index, key] of keys.entries()) {
    if (typeof key?.accessKeyId !== 'string' || !ACCESS_KEY_ID_PATTERN.test(key.accessKeyId)) {
      throw new RangeError(`accessKeys[${index}].accessKeyId must be 16-128 letters, digits or underscores`);
    }
    if (typeof key.secretAccessKey !== 'string' || key.secretAccessKey === '') throw new RangeError(`accessKeys[${index}].secretAccessKey must be a non-empty string`);
    if (key.sessionToken !== undefined && (typeof key.sessionToken !== 'string' || key.sessionToken === '')) {
      throw new RangeError(`accessKeys[${index}].sessionToken must be a non-empty string when given`);
    }
    if (key.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(key.region)) throw new RangeError(`accessKeys[${index}].region must be a region name such as us-east-1`);
  }
}

export class CredentialStore {
  private readonly identities = new Map<string, string>(); // identity id -> pool id
  private readonly credentials = new Map<string, IssuedCredential>(); // access key id -> credential
  private readonly keys = new Map<string, SigningKey>(); // access key id -> long-term key

  /** Knows the test pair and `keys` (checked with checkAccessKeys first). */
  constructor(keys: AccessKey[] = []) {
    const all = [{ accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY }, ...keys];
    for (const { accessKeyId, secretAccessKey, sessionToken, region = DEMO_REGION } of all) {
      this.keys.set(accessKeyId, { accessKeyId, secretKey: secretAccessKey, region, ...(sessionToken !== undefined && { sessionToken }) });
    }
  }

  issueIdentity(identityPoolId: string): string {
    const identityId = `${regionOf(identityPoolId)}:${randomUUID()}`;
    this.identities.set(identityId, identityPoolId);
    return identityId;
  }

  hasIdentity(identityId: string): boolean {
    return this.identities.has(identityId);
  }

  /** A credential valid for `ttlSeconds` from `nowMs` (the emulated service's clock). */
  issueCredential(identityId: string, nowMs: number, ttlSeconds: number = DEFAULT_CREDENTIAL_TTL_SECONDS): IssuedCredential {
    const credential: IssuedCredential = {
      accessKeyId: `ASIA${randomKeyChars(ACCESS_KEY_RANDOM_CHARS)}`,
      secretKey: randomBytes(SECRET_KEY_BYTES).toString('base64'),
      sessionToken: randomBytes(SESSION_TOKEN_BYTES).toString('base64'),
      identityId,
      region: regionOf(identityId),
      expiration: Math.floor(nowMs / 1000) + ttlSeconds,
    };
    this.credentials.set(credential.accessKeyId, credential);
    return credential;
  }

  find(accessKeyId: string): SigningKey | undefined {
    return this.credentials.get(accessKeyId) ?? this.keys.get(accessKeyId);
  }

  isExpired(credential: SigningKey, nowMs: number): boolean {
    return credential.revokedAtMs !== undefined || (credential.expiration !== undefined && nowMs >= credential.expiration * 1000);
  }

  /** Every credential issued so far becomes expired; later ones, and the long-term keys, are unaffected. */
  expireAll(nowMs: number): number {
    for (const credential of this.credentials.values()) credential.revokedAtMs ??= nowMs;
    return this.credentials.size;
  }
}

function randomKeyChars(count: number): string {
  const bytes = randomBytes(count);
  let out = '';
  for (const byte of bytes) out += ACCESS_KEY_ALPHABET[byte % ACCESS_KEY_ALPHABET.length];
  return out;
}
