// The shop's server for the relay contender: `/relay/events` is createRelay() (through its Node
// adapter) calling PutEvents on that page's own emulator; every other path goes on to the shared
// static site. The page reaches it through a latency proxy like any site file, so under the mobile
// profile the page→relay leg pays the same added latency as the direct contenders' page→AWS leg.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_REGION, DEMO_TRACKING_ID, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../src/emulator/index';
import { createRelay } from '../../src/relay/index';
import { toNodeListener } from '../../src/relay/node-listener';
import { RELAY_PATH } from '../harness/static-server';

export interface RelaySite {
  url: string;
  close(): Promise<void>;
}

/** Starts the shop's server on 127.0.0.1 (a free port): the relay in front of `emulatorUrl`, the rest from `siteUrl`. */
export async function startRelaySite(siteUrl: string, emulatorUrl: string): Promise<RelaySite> {
  const upstream = new URL(siteUrl);
  const relay = toNodeListener(
    createRelay({
      trackingId: DEMO_TRACKING_ID,
      region: DEMO_REGION,
      endpoint: emulatorUrl,
      credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
      onError: (error) => console.warn('bench relay:', error),
    }),
  );
  const server: Server = createServer((incoming, outgoing) => {
    if (new URL(incoming.url ?? '/', 'http://localhost').pathname === RELAY_PATH) {
      relay(incoming, outgoing);
      return;
    }
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy()); // the site gone: the page sees a network error
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
