// Who may post: the Origin header (the Fetch standard sends it with every POST, same-origin ones
// included: https://fetch.spec.whatwg.org/#origin-header) must be the relay's own origin or a
// listed one, and cross-origin callers get CORS headers (https://fetch.spec.whatwg.org/#http-cors-protocol).
// Without a list, the relay's own origin is the request URL's: behind a proxy that rewrites Host,
// the shop lists its public origin instead.
import { errorAnswer } from './answers';

/** How long a browser may cache a preflight answer, in seconds (Chromium caps it at 7200). */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

export interface OriginPolicy {
  /** Whether `request`'s Origin may post. */
  allows(request: Request): boolean;
  /** Headers every answer to `request` carries: Vary, and for an allowed cross origin, CORS. */
  headers(request: Request): Record<string, string>;
  /** The answer to an OPTIONS request: a CORS preflight for an allowed cross origin, else 403. */
  preflight(request: Request): Response;
}

/** Throws a TypeError for an entry that is not an http(s) origin. */
export function createOriginPolicy(allowedOrigins: string[] | undefined): OriginPolicy {
  const listed = allowedOrigins === undefined ? undefined : new Set(allowedOrigins.map(checkOrigin));
  const ownOrigin = (request: Request) => new URL(request.url).origin;
  const allows = (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null) return false;
    return listed ? listed.has(origin) : origin === ownOrigin(request);
  };
  const headers = (request: Request): Record<string, string> => {
    const origin = request.headers.get('origin');
    if (origin === null || origin === ownOrigin(request) || !allows(request)) return { Vary: 'Origin' };
    // Retry-After and Date are not CORS-safelisted response headers
    // (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name): without this the page
    // could read neither its wait nor the server's clock (sender/service-clock.ts).
    return { Vary: 'Origin', 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After, Date' };
  };
  return {
    allows,
    headers,
    preflight(request) {
      if (!allows(request)) return errorAnswer(403, 'OriginNotAllowed', `relay: the origin ${request.headers.get('origin') ?? '(none)'} may not post here`, { Vary: 'Origin' });
      return new Response(null, {
        status: 204,
        headers: {
          ...headers(request),
          'Access-Control-Allow-Origin': request.headers.get('origin')!,
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': 'content-type',
          'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
        },
      });
    },
  };
}

function checkOrigin(entry: string, index: number): string {
  let url: URL | undefined;
  try {
    url = new URL(entry);
  } catch {
    url = undefined;
  }
  // Normalised as browsers send it (lower-case host, no default port); a path, query or '*' is refused.
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new TypeError(`createRelay(): allowedOrigins[${index}] must be an origin such as https://shop.example (got ${JSON.stringify(entry)})`);
  }
  return url.origin;
}
