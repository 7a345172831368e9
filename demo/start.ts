// `npm start`: builds what the demo needs (unless it is fresh), starts the emulator and the demo's
// web server on 127.0.0.1, and prints the URLs last. A default port that is taken falls back to a
// free one, with a message; a port asked for with --port / PORT must be free. startDemo() does the
// same in-process for the e2e tests.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../src/emulator/ids';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../src/emulator/credentials';
import { startEmulator, type Emulator } from '../src/emulator/server';
import { createRelay } from '../src/relay/create-relay';
import { buildDemo, buildIsFresh } from './build-demo';
import { RELAY_PATH, startSite, type Site } from './site-server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG_PATH = '/demo/build/config.js';
const DEFAULT_PORT = 8080;
const DEFAULT_EMULATOR_PORT = 4599;
const USAGE = `Usage: npm start [-- --port N] [-- --emulator-port N] [-- --build | --no-build]

  --port N, PORT=N                    demo web server port (default ${DEFAULT_PORT}; 0 = any free port)
  --emulator-port N, EMULATOR_PORT=N  emulator port (default ${DEFAULT_EMULATOR_PORT}; 0 = any free port)
  --build / --no-build                always / never build first (default: build when a source is newer)

A default port that is taken falls back to a free one; a port you choose must be free.`;

export interface Demo {
  shopUrl: string;
  spaUrl: string;
  emulatorUrl: string;
  /** One line per default port that was taken and replaced by a free one. */
  notices: string[];
  close(): Promise<void>;
}

export interface DemoOptions {
  /** Demo web server port; 0 picks a free one. Default: 8080. */
  port?: number;
  /** Emulator port; 0 picks a free one. Default: 4599. */
  emulatorPort?: number;
  /** Servers that take a free port when theirs is taken. Default: none (the error is thrown). */
  freePortIfTaken?: Array<'demo' | 'emulator'>;
}

const inUse = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';

/** Runs `listen(port)`; if that port is taken and falling back is allowed, `listen(0)` with a notice. */
async function listenWithFallback<T>(what: string, port: number, fallBack: boolean, notices: string[], listen: (port: number) => Promise<T & { port: number }>): Promise<T & { port: number }> {
  try {
    return await listen(port);
  } catch (error) {
    if (!fallBack || !inUse(error) || port === 0) throw inUse(error) ? new Error(`port ${port} for the ${what} is already in use`) : error;
    const server = await listen(0);
    notices.push(`Port ${port} is taken (another \`npm start\`?), so the ${what} uses the free port ${server.port}.`);
    return server;
  }
}

/** Starts the demo. The config file names the emulator's actual URL. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const notices: string[] = [];
  const fallBack = options.freePortIfTaken ?? [];
  const emulator: Emulator = await listenWithFallback('emulator', options.emulatorPort ?? DEFAULT_EMULATOR_PORT, fallBack.includes('emulator'), notices, (port) => startEmulator({ port }));
  try {
    // The site answers config.js from memory, once the emulator's URL is known: never stale or missing.
    const configScript = demoConfigScript(emulator.url);
    // Relay mode (/demo/?mode=relay): the shop's own server signs PutEvents with an IAM key, here the emulator's test key.
    const relay = createRelay({ trackingId: DEMO_TRACKING_ID, region: DEMO_REGION, endpoint: emulator.url, credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY } });
    const site: Site = await listenWithFallback('demo', options.port ?? DEFAULT_PORT, fallBack.includes('demo'), notices, (port) => startSite(ROOT, port, CONFIG_PATH, configScript, relay));
    return {
      shopUrl: `${site.url}/demo/`,
      spaUrl: `${site.url}/demo/spa/`,
      emulatorUrl: emulator.url,
      notices,
      close: async () => {
        await Promise.all([site.close(), emulator.close()]);
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

function demoConfigScript(emulatorUrl: string): string {
  const config = {
    trackingId: DEMO_TRACKING_ID,
    identityPoolId: DEMO_IDENTITY_POOL_ID,
    region: DEMO_REGION,
    endpoint: emulatorUrl,
    cognitoEndpoint: emulatorUrl,
    relayUrl: RELAY_PATH,
    // The demo's counters start over with each emulator, whose event log starts empty.
    demoRunId: `${Date.now()}`,
  };
  return `// Written by demo/start.ts; do not edit.\nwindow.DEMO_CONFIG = ${JSON.stringify(config, null, 2)};\n`;
}

function portFrom(flag: string | undefined, env: string | undefined, name: string): number | undefined {
  const value = flag ?? env;
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${name} must be a port number from 0 to 65535 (got '${value}')`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'emulator-port': { type: 'string' }, build: { type: 'boolean' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(USAGE);
  const port = portFrom(values.port, process.env.PORT, '--port / PORT');
  const emulatorPort = portFrom(values['emulator-port'], process.env.EMULATOR_PORT, '--emulator-port / EMULATOR_PORT');

  if (values['no-build']) console.log('Not building (--no-build).');
  else if (!values.build && buildIsFresh(ROOT)) console.log('The build is up to date (`npm start -- --build` rebuilds).');
  else {
    console.log('Building the tracker and the demos (about a minute the first time):');
    await buildDemo((line) => console.log(line));
  }

  // Only the defaults fall back: a port the user chose is one they expect to find the demo on.
  const freePortIfTaken = [...(port === undefined ? ['demo' as const] : []), ...(emulatorPort === undefined ? ['emulator' as const] : [])];
  const demo = await startDemo({ port, emulatorPort, freePortIfTaken }).catch((error: Error) => {
    throw new Error(`${error.message}. Choose another with --port / PORT and --emulator-port / EMULATOR_PORT, or 0 for any free port.`);
  });
  console.log(
    [
      '',
      ...demo.notices,
      'personalize-tracker demo is running:',
      `  Movie shop (script tag):  ${demo.shopUrl}`,
      `  Movie shop SPA (npm):     ${demo.spaUrl}`,
      `  AWS emulator:             ${demo.emulatorUrl}  (events: ${demo.emulatorUrl}/__emulator/events)`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  const stop = (): void => {
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exit(1);
  });
}
