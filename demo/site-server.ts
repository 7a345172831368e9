// The demo's web server: a front on 127.0.0.1 that answers config.js from memory and passes every
// other request to the static file server. It answers a request it cannot serve with 400 and keeps
// running (issue 12, row 12: `GET /demo/%`, `GET //`, `GET http://127.0.0.1:1/`, `OPTIONS *`).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../src/relay/node-listener';
import type { RelayHandler } from '../src/relay/types';
import { startStaticServer } from '../e2e/harness/static-server';

/** Where the demo's relay answers (relay mode: /demo/?mode=relay). */
export const RELAY_PATH = '/relay/events';

export interface Site {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The path of an origin-form request target (RFC 9112 §3.2.1: `/path?query`), or undefined for
 * anything else: absolute-form (`http://host/`), asterisk-form (`*`), `//` (a scheme-relative URL,
 * not a path) or a path whose percent-escapes do not decode.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    const { pathname } = new URL(target, 'http://localhost');
    decodeURIComponent(pathname);
    return pathname;
  } catch {
    return undefined;
  }
}

function badRequest(res: ServerResponse): void {
  if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('bad request\n');
}

/**
 * Serves the repository root (the static server's folders) on `port` (0 picks a free one), with
 * `configPath` answered by `configScript`: the file on disk is shared by every running demo
 * (npm start, parallel test workers), and each demo's pages must see their own.
 */
export async function startSite(root: string, port: number, configPath: string, configScript: string, relay?: RelayHandler): Promise<Site> {
  const files = await startStaticServer({ root, port: 0 });
  const relayListener = relay && toNodeListener(relay); // on the shop's own origin, as a shop serves it
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = requestPath(req.url);
    if (path === undefined) return badRequest(res);
    if (relayListener && path === RELAY_PATH) return relayListener(req, res);
    if (path === configPath) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(configScript);
      return;
    }
    const upstream = request(`${files.url}${req.url}`, { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const front = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      badRequest(res); // whatever else a hostile request trips over, the demo keeps serving
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      front.listen(port, '127.0.0.1', resolve);
    });
  } catch (error) {
    await files.close();
    throw error;
  }
  const actualPort = (front.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: async () => {
      front.closeAllConnections();
      await Promise.all([new Promise((resolve) => front.close(resolve)), files.close()]);
    },
  };
}
