// A small static file server for the demo, the built files and the e2e pages. Any path may take
// `?delay=MS` so a test can hold a script back (the script-tag stub's replay needs that). Files
// whose URL the page does not choose (the sender chunk) are held back or failed through
// holdBack() and failNext(). With a relay handler, `/relay/events` is the shop's relay
// (personalize-tracker/relay through its Node adapter), on the pages' own origin; relayDown()
// makes it unreachable (the connection is dropped) until called again with false.
import { toNodeListener } from '../../src/relay/node-listener';
import type { RelayHandler } from '../../src/relay/types';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const SERVED_DIRECTORIES = ['/demo/', '/dist/', '/e2e/pages/', '/e2e/build/'];
const MAX_DELAY_MS = 30_000; // a held-back file never stalls a test run for longer
/** Where the relay is served, as the pages' relayUrl. */
export const RELAY_PATH = '/relay/events';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface StaticServer {
  url: string;
  /** Holds every request for `path` (e.g. `/dist/personalize-tracker-sender.js`) until the returned release() (at most MAX_DELAY_MS). */
  holdBack(path: string): () => void;
  /** The next `count` requests for `path` answer 503, as a network blip would fail them. */
  failNext(path: string, count: number): void;
  /** Drops every connection to the relay while `down` (a server deploy, a network cut). */
  relayDown(down: boolean): void;
  close(): Promise<void>;
}

/** Serves the repository's demo/, dist/ and e2e page folders on 127.0.0.1 (port 0 picks a free one). */
export async function startStaticServer(options: { root?: string; port?: number; relay?: RelayHandler } = {}): Promise<StaticServer> {
  const root = resolve(options.root ?? '.');
  const held = new Map<string, Promise<void>>();
  const failures = new Map<string, number>();
  const relay = options.relay && toNodeListener(options.relay);
  let relayIsDown = false;
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (relay && url.pathname === RELAY_PATH) {
      if (relayIsDown) request.socket.destroy();
      else relay(request, response);
      return;
    }
    let path = normalize(decodeURIComponent(url.pathname));
    if (path === '/') path = '/demo/index.html';
    if (path.endsWith('/')) path += 'index.html';
    if (!SERVED_DIRECTORIES.some((prefix) => path.startsWith(prefix))) {
      response.writeHead(404).end('not found');
      return;
    }
    const delay = Math.min(Number(url.searchParams.get('delay') ?? 0) || 0, MAX_DELAY_MS);
    if (delay > 0) await new Promise((done) => setTimeout(done, delay));
    const hold = held.get(path);
    if (hold) await Promise.race([hold, new Promise((done) => setTimeout(done, MAX_DELAY_MS).unref())]);
    const failuresLeft = failures.get(path) ?? 0;
    if (failuresLeft > 0) {
      failures.set(path, failuresLeft - 1);
      response.writeHead(503, { 'access-control-allow-origin': '*' }).end('scripted failure');
      return;
    }
    const file = join(root, path);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        // Pages are revalidated but may enter the back/forward cache: Firefox keeps `no-store` documents out of it.
        'cache-control': extname(file) === '.html' ? 'no-cache' : 'no-store',
        // The script-tag loader imports its sender chunk; a CDN would serve it with CORS too.
        'access-control-allow-origin': '*',
      });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    holdBack(path) {
      let release = () => {};
      held.set(path, new Promise<void>((done) => (release = done)));
      return () => {
        held.delete(path);
        release();
      };
    },
    failNext(path, count) {
      failures.set(path, (failures.get(path) ?? 0) + count);
    },
    relayDown(down) {
      relayIsDown = down;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
