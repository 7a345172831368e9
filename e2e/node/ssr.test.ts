// Issue 10: importing the package on a server (SSR, Node 20) is safe, every public call does
// nothing and throws only for invalid input, and the sender (with the AWS SDK inside) is never loaded.
// The scripts run in a Node child process against the packed package installed into an empty app,
// with resolution hooks that log every module the process loads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { installPackedPackage } from '../harness/packed-package';

const SCRIPTS = join(import.meta.dirname, 'ssr');
const SENDER = /personalize-tracker\/dist\/sender\.js$|@aws-sdk|@smithy|@aws-crypto/;
let app: string;

before(() => {
  app = installPackedPackage(['react', 'react-dom', 'scheduler']);
  for (const file of readdirSync(SCRIPTS)) copyFileSync(join(SCRIPTS, file), join(app, file));
});

/** Runs `script` in the app folder; returns its JSON output and the modules it loaded. */
function runOnServer(script: string, env: Record<string, string> = {}): { output: any; modules: string[] } {
  const log = join(app, `${script}-${Object.keys(env).join('-')}.log`);
  const stdout = execFileSync(process.execPath, ['--import', './module-log.mjs', script], { cwd: app, env: { ...process.env, ...env, MODULE_LOG: log }, encoding: 'utf8' });
  return { output: JSON.parse(stdout), modules: readFileSync(log, 'utf8').trim().split('\n') };
}

function assertSenderNotLoaded(modules: string[]): void {
  assert.ok(modules.some((url) => url.endsWith('/node_modules/personalize-tracker/dist/index.js')), 'the log shows the package was loaded');
  assert.deepEqual(modules.filter((url) => SENDER.test(url)), [], 'nothing of the sender or the AWS SDK was loaded');
}

const NOTHING_SENT = { delivered: 0, rejected: 0, pending: 0 };

for (const [name, env] of [['without DOM globals (Node 20)', {}], ['with the navigator global of Node 21+', { DEFINE_NAVIGATOR: '1' }]] as const) {
  test(`every public call succeeds ${name} and loads nothing of the sender`, () => {
    const { output, modules } = runOnServer('every-call.mjs', env);
    assert.deepEqual(output, { flushed: NOTHING_SENT, ownFlushed: NOTHING_SENT, seen: [], invalidInput: 'TypeError' });
    assertSenderNotLoaded(modules);
  });
}

test('React renderToString of a component that tracks renders it and loads nothing of the sender', () => {
  const { output, modules } = runOnServer('render.mjs');
  assert.match(output.html, /<button>Add sku-1 to cart<\/button>/);
  assertSenderNotLoaded(modules);
});

test('the module log would show the sender if it were loaded', () => {
  const log = join(app, 'control.log');
  execFileSync(process.execPath, ['--import', './module-log.mjs', '--eval', "await import('./node_modules/personalize-tracker/dist/sender.js').catch(() => {})", '--input-type=module'], {
    cwd: app,
    env: { ...process.env, MODULE_LOG: log },
  });
  assert.ok(readFileSync(log, 'utf8').split('\n').some((url) => SENDER.test(url)));
});
