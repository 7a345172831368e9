// The emulator as users get it (issue 10, Build 5): packed with `npm pack`, installed from the
// tarball into an empty folder, run with plain Node 20 through `npx personalize-tracker-emulator`
// and imported as `personalize-tracker/emulator`, types included. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { DEMO_IDENTITY_POOL_ID, cognito, control } from './emulator-helpers';
import { freePort } from '../harness/free-port';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TIMEOUT = { timeout: 120_000 };
/** Plain Node: no tsx loader inherited from this test process. */
const PLAIN_ENV = { ...process.env, NODE_OPTIONS: '' };

let consumer: string;
let packedFiles: string[];

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/emulator/cli.js')), 'dist/emulator is missing: run `npm run build` first');
  consumer = await mkdtemp(join(tmpdir(), 'emulator-consumer-'));
  // --ignore-scripts: dist/ is already built; a prepack build would only repeat it.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', consumer], { cwd: ROOT });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = packed!.files.map((file) => file.path);
  // No registry here, and the npm cache lacks the tracker's own dependencies (the emulator needs
  // none of them): `file:` overrides link them from this repository's install, so --offline works.
  const dependencies = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: object }).dependencies);
  const overrides = Object.fromEntries(dependencies.map((name) => [name, `file:${realpathSync(join(ROOT, 'node_modules', name))}`]));
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', overrides }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(consumer, packed!.filename)], { cwd: consumer });
});
after(() => rm(consumer, { recursive: true, force: true }));

test('the tarball holds the built emulator, its bin and its declarations', () => {
  for (const file of ['dist/emulator/cli.js', 'dist/emulator/index.js', 'dist/emulator/index.d.ts', 'dist/emulator/server.d.ts']) {
    assert.ok(packedFiles.includes(file), `${file} is packed`);
  }
  assert.ok(!packedFiles.some((file) => file.startsWith('e2e/')), 'no test sources are packed');
});

test('`npx personalize-tracker-emulator --port N` serves Cognito and the controls on that port, and stops on SIGTERM', TIMEOUT, async () => {
  const port = await freePort();
  const child = spawn('npx', ['personalize-tracker-emulator', '--port', String(port)], { cwd: consumer, env: PLAIN_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
    assert.equal(first.value, `personalize-emulator listening on http://127.0.0.1:${port}`, stderr);
    const url = `http://127.0.0.1:${port}`;
    assert.deepEqual(await control(url, 'health'), { ok: true });
    const answer = await cognito(url, 'GetId', { IdentityPoolId: DEMO_IDENTITY_POOL_ID });
    assert.equal(answer.status, 200);
    assert.deepEqual(await control(url, 'calls'), { PutEvents: 0, PutActionInteractions: 0, GetId: 1, GetCredentialsForIdentity: 0 });
  } finally {
    process.kill(-child.pid!, 'SIGTERM'); // npx and the emulator it started: the group this test created
  }
  await exited;
});

test('`import "personalize-tracker/emulator"` runs in plain Node and type-checks under nodenext', TIMEOUT, async () => {
  const script = `
import { startEmulator, DEMO_IDENTITY_POOL_ID } from 'personalize-tracker/emulator';
const emulator = await startEmulator({ port: 0, rateLimits: { GetId: 1 } });
const getId = () => fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetId' }, body: JSON.stringify({ IdentityPoolId: DEMO_IDENTITY_POOL_ID }) });
const statuses = [(await getId()).status, (await getId()).status];
let refused = '';
try { emulator.faults({ latencyMs: -1 }); } catch (error) { refused = error.constructor.name + ': ' + error.message; }
const calls = emulator.calls();
emulator.reset();
console.log(JSON.stringify({ statuses, calls, afterReset: emulator.calls(), events: emulator.events(), requests: emulator.requests(), refused }));
await emulator.close();
`;
  await writeFile(join(consumer, 'use.mjs'), script);
  const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: consumer, env: PLAIN_ENV });
  assert.deepEqual(JSON.parse(stdout), {
    statuses: [200, 429],
    calls: { PutEvents: 0, PutActionInteractions: 0, GetId: 2, GetCredentialsForIdentity: 0 },
    afterReset: { PutEvents: 0, PutActionInteractions: 0, GetId: 0, GetCredentialsForIdentity: 0 },
    events: [],
    requests: [],
    refused: 'TypeError: personalize-tracker emulator: latencyMs must be a non-negative integer',
  });

  await writeFile(join(consumer, 'use.ts'), `import { startEmulator, type EventRecord, type FaultScript } from 'personalize-tracker/emulator';
const emulator = await startEmulator({ port: 0 });
const events: EventRecord[] = emulator.events();
const script: FaultScript = { fail: { count: 1, error: 'ThrottlingException' } };
emulator.faults(script);
// @ts-expect-error latencyMs is a number
emulator.faults({ latencyMs: 'slow' });
export const first: string | undefined = events[0]?.itemId;
await emulator.close();
`);
  await writeFile(join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
    files: ['use.ts'],
  }));
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: consumer }).catch((error: { stdout: string }) => {
    assert.fail(`tsc under nodenext: ${error.stdout}`);
  });
});

test('the README recipe is e2e/recipe-emulator.spec.ts, byte for byte', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const recipe = /<!-- recipe-emulator:start -->\n```ts\n([\s\S]*?)```\n<!-- recipe-emulator:end -->/.exec(readme);
  assert.ok(recipe, 'the README has the recipe between its markers');
  const spec = readFileSync(join(ROOT, 'e2e/recipe-emulator.spec.ts'), 'utf8');
  assert.equal(recipe[1], spec.slice(spec.indexOf('import ')));
});
