// Random ids from crypto.getRandomValues: unlike crypto.randomUUID it also exists on plain-http
// pages (randomUUID needs a secure context: https://w3c.github.io/webcrypto/#Crypto-method-randomUUID).
// Only a page's owner id and a tab's session id are random: an event's default id is its page's
// owner id and its number there (loader/tracker.ts), so track() draws no random bytes.

const TEMPLATE = '10000000-1000-4000-8000-100000000000'; // each 0, 1 or 8 becomes a random hex digit

/** A random RFC 4122 version-4 UUID. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TEMPLATE.length));
  let index = 0;
  // The dashes and the 4 stay; the digit after the third dash keeps its top bits 10 (the variant): 8 ^ (random & 3).
  return TEMPLATE.replace(/[018]/g, (digit) => (+digit ^ (bytes[index++] & (15 >> (+digit / 4)))).toString(16));
}
