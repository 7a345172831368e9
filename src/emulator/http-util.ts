// Small HTTP helpers shared by the routes: body reading with a size cap, CORS headers, and the two
// AWS error shapes (restJson1 for PutEvents, awsJson1_1 for Cognito).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** PutEvents refuses bodies over 1 MiB with 413 RequestEntityTooLarge. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this we stop draining an oversized body and drop the connection. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

export const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, Date';
export const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** Used when a preflight does not say which headers it wants: everything the SDK sends. */
const DEFAULT_ALLOWED_HEADERS =
  'amz-sdk-invocation-id, amz-sdk-request, authorization, content-type, x-amz-content-sha256, ' +
  'x-amz-date, x-amz-security-token, x-amz-target, x-amz-user-agent';
/** Browsers may cache a preflight this long (seconds). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export interface ServiceError {
  status: number;
  type: string;
  message: string;
  retryAfterSeconds?: number;
}

export interface ReadBody {
  body: Buffer;
  /** Bytes received, even past the cap. */
  size: number;
  tooLarge: boolean;
}

/** Reads the whole body; past MAX_BODY_BYTES it keeps draining (so the client can read our 413) but keeps nothing. */
export function readBody(req: IncomingMessage): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) req.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: size > MAX_BODY_BYTES ? Buffer.alloc(0) : Buffer.concat(chunks), size, tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', reject);
    req.on('close', () => { if (!req.complete) reject(new Error('request aborted')); });
  });
}

/** Headers every response carries: CORS (`allowOrigin`, none when undefined), a request id, and Date from the emulated clock. */
export function setCommonHeaders(res: ServerResponse, requestId: string, allowOrigin: string | undefined, nowMs: number): void {
  // The SDK corrects its clock skew from Date, so it must be the emulated (possibly shifted) clock.
  res.setHeader('Date', new Date(nowMs).toUTCString());
  if (allowOrigin !== undefined) res.setHeader('Access-Control-Allow-Origin', allowOrigin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  res.setHeader('x-amzn-RequestId', requestId);
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS);
  res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
  // Chromium's Private Network Access asks before a public page may call a local server.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  res.writeHead(204).end();
}

export function sendJson(res: ServerResponse, status: number, value: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** restJson1 error: the SDK reads the name from x-amzn-ErrorType. */
export function sendRestJsonError(res: ServerResponse, error: ServiceError): void {
  res.setHeader('x-amzn-ErrorType', error.type);
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  sendJson(res, error.status, { message: error.message });
}

/** awsJson1_1 error: the name travels in the body's __type (and, as real services do, the header). */
export function sendAwsJsonError(res: ServerResponse, error: ServiceError): void {
  res.setHeader('x-amzn-ErrorType', error.type);
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  sendJson(res, error.status, { __type: error.type, message: error.message }, 'application/x-amz-json-1.1');
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
