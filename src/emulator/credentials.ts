// Identities and temporary credentials issued by the emulated Cognito identity pool, kept in
// memory so the PutEvents signature check can look them up by access key id.
import { randomBytes, randomUUID } from 'node:crypto';
import { regionOf } from './ids.js';

/** Real Cognito credentials last one hour at most. */
export const DEFAULT_CREDENTIAL_TTL_SECONDS = 3600;

const ACCESS_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Temporary (STS) access key ids are 20 characters and start with ASIA. */
const ACCESS_KEY_RANDOM_CHARS = 16;
/** Real secret keys are 40 characters of base64. */
const SECRET_KEY_BYTES = 30;
/** Real session tokens are long opaque base64 strings; 256 bytes gives a similar shape. */
const SESSION_TOKEN_BYTES = 256;

export interface IssuedCredential {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  identityId: string;
  /** Region of the identity pool; a PutEvents must be signed for this region. */
  region: string;
  /** Epoch seconds, as returned to the client in Credentials.Expiration. */
  expiration: number;
  /** Set by the expire-credentials control: the credential is expired from then on. */
  revokedAtMs?: number;
}

export class CredentialStore {
  private readonly identities = new Map<string, string>(); // identity id -> pool id
  private readonly credentials = new Map<string, IssuedCredential>(); // access key id -> credential

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

  find(accessKeyId: string): IssuedCredential | undefined {
    return this.credentials.get(accessKeyId);
  }

  isExpired(credential: IssuedCredential, nowMs: number): boolean {
    return credential.revokedAtMs !== undefined || nowMs >= credential.expiration * 1000;
  }

  /** Every credential issued so far becomes expired; later ones are unaffected. */
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
