// Who may use the /__emulator/ controls and inspection endpoints: tools on this machine (no Origin,
// as curl and Node send) and pages served from loopback. Anything else could script faults into a
// developer's emulator, or read the events it logged, from an ordinary web page.
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost, isLoopbackOrigin } from './loopback.js';

const JSON_CONTENT_TYPE = 'application/json';

export interface ControlRefusal {
  status: number;
  error: string;
}

/** Why this caller may not use the controls, or undefined when it may. */
export function refuseControlCaller(req: IncomingMessage): ControlRefusal | undefined {
  const { host, origin } = req.headers;
  // DNS rebinding: a page of evil.example that resolves to 127.0.0.1 is same-origin, sends no
  // Origin on a GET, but its Host still names evil.example.
  if (!isLoopbackHost(host)) return { status: 403, error: `the controls answer only a loopback Host (got ${JSON.stringify(host ?? '')})` };
  if (origin === undefined) return undefined;
  if (!isLoopbackOrigin(origin)) return { status: 403, error: `the controls answer only pages on loopback origins (got ${JSON.stringify(origin)})` };
  // A cross-origin text/plain or form POST skips the CORS preflight; application/json cannot.
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.method === 'POST' && type !== JSON_CONTENT_TYPE) {
    return { status: 415, error: `a control POST from a page must be Content-Type: ${JSON_CONTENT_TYPE} (got ${JSON.stringify(type)})` };
  }
  return undefined;
}

/** The Access-Control-Allow-Origin a control answer carries: a loopback Origin, else none. */
export function controlAllowOrigin(req: IncomingMessage): string | undefined {
  return isLoopbackOrigin(req.headers.origin) ? req.headers.origin : undefined;
}
