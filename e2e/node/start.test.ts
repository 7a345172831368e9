// `npm start` (demo/start.ts, here with --no-build: `npm test` has built): with its default ports
// taken it falls back to free ones and says so, prints the shop, SPA and emulator URLs last, serves
// the shop against that emulator, answers bad requests with 400 and keeps running, and stops on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../../src/emulator/ids';

const DEFAULT_PORTS = [8080, 4599]; // demo/start.ts's defaults

let child: ChildProcess;
let output = '';
let urls: { shop: string; spa: string; emulator: string };
const blockers: Server[] = [];

/** Holds `port` on 127.0.0.1 if it is free; if something else holds it, it is taken all the same. */
async function occupy(port: number): Promise<void> {
  const server = createServer((_req, res) => res.end('not the demo'));
  await new Promise<void>((resolve) => {
    server.once('error', () => resolve());
    server.listen(port, '127.0.0.1', () => (blockers.push(server), resolve()));
  });
}

/** The first line of the answer to a raw HTTP/1.1 request (fetch() cannot send these targets). */
async function statusLine(requestLine: string, port: number): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.write(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  let answer = '';
  for await (const chunk of socket) answer += chunk;
  return answer.split('\r\n')[0];
}

before(async () => {
  await Promise.all(DEFAULT_PORTS.map(occupy));
  const env = { ...process.env, PORT: '', EMULATOR_PORT: '' };
  child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts', '--no-build'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  urls = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URLs printed: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const shop = /Movie shop \(script tag\):\s+(\S+)/.exec(output)?.[1];
      const spa = /SPA \(npm\):\s+(\S+)/.exec(output)?.[1];
      const emulator = /AWS emulator:\s+(\S+)/.exec(output)?.[1];
      if (shop && spa && emulator && output.includes('Ctrl+C')) (clearTimeout(timer), resolve({ shop, spa, emulator }));
    });
    child.once('exit', (code) => reject(new Error(`demo/start.ts exited with ${code}: ${output}`)));
  });
});

after(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  await Promise.all(blockers.map((server) => new Promise((resolve) => server.close(resolve))));
});

test('with ports 8080 and 4599 taken, npm start says so, uses free ports and prints working URLs last', async () => {
  assert.match(output, /Port 8080 is taken .* the demo uses the free port \d+/);
  assert.match(output, /Port 4599 is taken .* the emulator uses the free port \d+/);
  assert.notEqual(new URL(urls.shop).port, '8080');
  assert.notEqual(new URL(urls.emulator).port, '4599');
  assert.match(output.trimEnd().split('\n').at(-1)!, /Ctrl\+C/, 'the URLs come last, just before the stop hint');

  const shop = await fetch(urls.shop);
  assert.equal(shop.status, 200);
  assert.match(await shop.text(), /personalize/);
  assert.equal((await fetch(urls.spa)).status, 200);
  const config = await (await fetch(new URL('/demo/build/config.js', urls.shop))).text();
  assert.ok(config.includes(urls.emulator), 'the pages are configured for the emulator that was started');
  assert.deepEqual(await (await fetch(`${urls.emulator}/__emulator/health`)).json(), { ok: true });
});

test('a bad request to the demo server gets 400, and the server keeps running', async () => {
  const port = Number(new URL(urls.shop).port);
  for (const requestLine of ['GET /demo/% HTTP/1.1', 'GET // HTTP/1.1', 'GET http://127.0.0.1:1/ HTTP/1.1', 'OPTIONS * HTTP/1.1']) {
    assert.equal(await statusLine(requestLine, port), 'HTTP/1.1 400 Bad Request', requestLine);
  }
  assert.equal(child.exitCode, null, 'still running');
  assert.equal((await fetch(urls.shop)).status, 200);
});

test("the README's \"Try it locally\" names the demo's ids and links the emulator's docs", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Try it locally'), readme.indexOf('### React'));
  for (const id of [DEMO_REGION, DEMO_IDENTITY_POOL_ID, DEMO_TRACKING_ID]) assert.ok(section.includes(`\`${id}\``), id);
  assert.match(section, /\]\(src\/emulator\/README\.md\)/);
  assert.match(section, /--port/);
  assert.match(section, /PORT=/);
});

test('a port chosen with --port that is taken is an error that says so, not a silent fallback', async () => {
  const taken = Number(new URL(urls.shop).port);
  const chosen = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts', '--no-build', '--port', String(taken), '--emulator-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  chosen.stderr!.on('data', (chunk) => (errors += chunk));
  const [code] = await once(chosen, 'exit');
  assert.equal(code, 1);
  assert.match(errors, new RegExp(`port ${taken} for the demo is already in use.*--port / PORT`));
});
