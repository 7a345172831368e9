// The relay as an AWS Lambda handler for function URLs and API Gateway HTTP APIs, payload format
// 2.0 (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads): the event
// becomes a Request, the Response becomes `{ statusCode, headers, cookies, body, isBase64Encoded }`.
import type { LambdaHttpEvent, LambdaHttpResult, RelayHandler } from './types';

/** Content types answered as text; anything else goes back base64-encoded. */
const TEXT_TYPE = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript)\b)/i;

/** The event each Request was made from, for userId(): a JWT authorizer's claims are in `requestContext.authorizer`. */
const lambdaEvents = new WeakMap<Request, LambdaHttpEvent>();

/** The payload 2.0 event a Request came from through toLambdaHandler(); undefined for any other Request. */
export function lambdaEventOf(request: Request): LambdaHttpEvent | undefined {
  return lambdaEvents.get(request);
}

/** A payload format 2.0 handler: `export const handler = toLambdaHandler(createRelay({ ... }))`. */
export function toLambdaHandler(handler: RelayHandler): (event: LambdaHttpEvent) => Promise<LambdaHttpResult> {
  return async (event) => {
    const request = toRequest(event);
    lambdaEvents.set(request, event);
    return toResult(await handler(request));
  };
}

function toRequest(event: LambdaHttpEvent): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers.set(name, value);
  }
  // Format 2.0 moves the Cookie header into `cookies`.
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const host = headers.get('host') ?? event.requestContext.domainName ?? 'localhost';
  const scheme = headers.get('x-forwarded-proto') ?? 'https';
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const url = `${scheme}://${host}${event.rawPath}${query}`;
  const method = event.requestContext.http.method;
  if (method === 'GET' || method === 'HEAD' || event.body === undefined) return new Request(url, { method, headers });
  const body = event.isBase64Encoded ? Uint8Array.from(atob(event.body), (char) => char.charCodeAt(0)) : event.body;
  return new Request(url, { method, headers, body });
}

async function toResult(response: Response): Promise<LambdaHttpResult> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') headers[name] = value;
  }
  const cookies = response.headers.getSetCookie();
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = bytes.byteLength === 0 || TEXT_TYPE.test(response.headers.get('content-type') ?? '');
  let body = '';
  if (text) body = new TextDecoder().decode(bytes);
  else {
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    body = btoa(binary);
  }
  return { statusCode: response.status, headers, ...(cookies.length > 0 && { cookies }), body, isBase64Encoded: !text };
}
