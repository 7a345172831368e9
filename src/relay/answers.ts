// The relay's answers: JSON bodies, never cached (each answer is about one batch).
import type { RelayErrorBody, RelayErrorCode, RelayResult } from './types';

/** A JSON answer with `headers` (CORS, Retry-After) added. */
export function jsonAnswer(status: number, body: RelayResult | RelayErrorBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** An error answer: `{ code, message }`. */
export function errorAnswer(status: number, code: RelayErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return jsonAnswer(status, { code, message }, headers);
}
