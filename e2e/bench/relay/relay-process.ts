// The relay as a shop would run it: node:http on 127.0.0.1, toNodeListener(createRelay()), the
// default userId behaviour (none: a browser-sent userId is dropped) and the default origin check
// (same origin only). Its own process, so its CPU time can be read alone (process.cpuUsage()).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../../src/emulator/credentials';
import { DEMO_REGION, DEMO_TRACKING_ID } from '../../../src/emulator/ids';
import { createRelay, toNodeListener } from '../../../src/relay/index';

const endpoint = process.argv[2]!;
const relay = createRelay({
  trackingId: DEMO_TRACKING_ID,
  region: DEMO_REGION,
  credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
  endpoint,
});
const server = createServer(toNodeListener(relay));
server.keepAliveTimeout = 30_000; // the bench pauses between runs; keep its connections warm
server.listen(0, '127.0.0.1', () => {
  process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

process.on('message', (message: string) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
