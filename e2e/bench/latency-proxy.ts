// The mobile profile's network: an HTTP proxy that holds every request (CORS preflights included)
// for `latencyMs` before passing it upstream. Chromium's own latency emulation (CDP
// Network.emulateNetworkConditions) skips CORS preflights and requests Playwright fulfils, so it
// would give some contenders free round trips; a proxy in front of every server treats all alike.
// The Host header passes unchanged: SigV4 signs it, and the emulator checks what was signed.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from './delivered';

export interface LatencyProxy {
  url: string;
  /** Added to every request before it goes upstream; 0 passes it straight through. Can change at any time. */
  latencyMs: number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of `upstreamUrl` (http only). */
export async function startLatencyProxy(upstreamUrl: string, latencyMs = 0): Promise<LatencyProxy> {
  const upstream = new URL(upstreamUrl);
  const state = { latencyMs };
  const server: Server = createServer((incoming, outgoing) => {
    // The delay holds the request before it goes on, as Chromium's latency emulation does: the
    // server sees it `latencyMs` late and the answer comes straight back.
    void sleep(state.latencyMs).then(() => {
      const forwarded = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer: IncomingMessage) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy()); // upstream gone: the page sees a network error
      incoming.pipe(forwarded);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(value: number) {
      state.latencyMs = value;
    },
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
