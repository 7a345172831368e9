// Random ids from crypto.getRandomValues: unlike crypto.randomUUID it also exists on plain-http
// pages (randomUUID needs a secure context: https://w3c.github.io/webcrypto/#Crypto-method-randomUUID).

/** A random RFC 4122 version-4 UUID. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  let hex = '';
  for (const byte of bytes) hex += (byte + 0x100).toString(16).slice(1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An event id: the browser's native UUID where it has one (https pages and localhost: fast), else
 * randomId(), which builds one from getRandomValues.
 */
export const newEventId = (): string => (isSecureContext ? crypto.randomUUID() : randomId());
