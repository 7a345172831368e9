// `npm start`: the emulator and the static server on 127.0.0.1, plus demo/build/config.js telling
// the pages where the emulator is. startDemo() does the same in-process for the e2e tests.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../e2e/emulator/ids';
import { startEmulator } from '../e2e/emulator/server';
import { startStaticServer } from '../e2e/harness/static-server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG_PATH = '/demo/build/config.js';
const CONFIG_FILE = join(ROOT, CONFIG_PATH);
const BUILT_FILES = ['dist/personalize-tracker.js', 'dist/personalize-tracker-sender.js', 'demo/build/spa/main.js'];
const DEFAULT_PORT = 8080;
const DEFAULT_EMULATOR_PORT = 4599;

export interface Demo {
  shopUrl: string;
  spaUrl: string;
  emulatorUrl: string;
  close(): Promise<void>;
}

/** Starts the demo; port 0 picks a free port. The config file names the emulator's actual URL. */
export async function startDemo(options: { port?: number; emulatorPort?: number } = {}): Promise<Demo> {
  const emulator = await startEmulator({ port: options.emulatorPort ?? DEFAULT_EMULATOR_PORT });
  try {
    const configScript = demoConfigScript(emulator.url);
    await mkdir(dirname(CONFIG_FILE), { recursive: true });
    await writeFile(CONFIG_FILE, configScript);
    // Only now can a page ask for config.js, so it never sees a stale or missing one.
    const site = await startSite(options.port ?? DEFAULT_PORT, configScript);
    return {
      shopUrl: `${site.url}/demo/`,
      spaUrl: `${site.url}/demo/spa/`,
      emulatorUrl: emulator.url,
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
  };
  return `// Written by demo/start.ts; do not edit.\nwindow.DEMO_CONFIG = ${JSON.stringify(config, null, 2)};\n`;
}

/**
 * The static server behind a front that answers config.js from memory. The file on disk is shared
 * by every running demo (npm start, parallel test workers); each demo's pages must see their own.
 */
async function startSite(port: number, configScript: string): Promise<{ url: string; close(): Promise<void> }> {
  const files = await startStaticServer({ root: ROOT, port: 0 });
  const front = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === CONFIG_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(configScript);
      return;
    }
    const upstream = request(`${files.url}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
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
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    close: async () => {
      front.closeAllConnections();
      await Promise.all([new Promise((resolve) => front.close(resolve)), files.close()]);
    },
  };
}

function portFrom(flag: string | undefined, env: string | undefined, fallback: number, name: string): number {
  const value = flag ?? env;
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${name} must be a port number from 0 to 65535 (got '${value}')`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'emulator-port': { type: 'string' } } });
  const port = portFrom(values.port, process.env.PORT, DEFAULT_PORT, '--port / PORT');
  const emulatorPort = portFrom(values['emulator-port'], process.env.EMULATOR_PORT, DEFAULT_EMULATOR_PORT, '--emulator-port / EMULATOR_PORT');
  const missing = BUILT_FILES.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) console.warn(`Not built yet: ${missing.join(', ')}. Run \`npm run build\` (or \`npm start\`).\n`);

  const demo = await startDemo({ port, emulatorPort });
  console.log(
    [
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
