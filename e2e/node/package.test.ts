// Issue 10: the package installs the ways users install it. A fresh clone (this working tree's
// files, committed into a new repository, no dist/) packs what it ships: `npm pack` runs prepare,
// which builds dist/. The tarball installs into an empty folder and imports in Node, and so does
// a `git+file:` install (npm clones, installs the dev dependencies, runs prepare: the slow one).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { installInApp, packPackage, temporaryFolder } from '../harness/packed-package';

const GIT_INSTALL_TIMEOUT_MS = 5 * 60_000; // measured at 1.5 min on a busy 2-core machine
let clone: string;

/** A new repository holding the files a clone of this working tree would have. */
function freshClone(): string {
  const folder = temporaryFolder('clone');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { encoding: 'utf8' }).split('\0');
  // Regular files only: deleted ones are gone from a clone, and the node_modules link is not in git.
  for (const file of files.filter((name) => name && existsSync(name) && lstatSync(name).isFile())) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    copyFileSync(file, join(folder, file));
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: folder, stdio: 'ignore' });
  git('init', '--quiet');
  git('add', '--all');
  git('commit', '--quiet', '--message', 'fresh clone');
  return folder;
}

/** What importing the installed package in Node gives: its export names and a flush() result. */
function importInNode(app: string): { exports: string[]; flushed: unknown } {
  const script = "const t = await import('personalize-tracker'); console.log(JSON.stringify({ exports: Object.keys(t).sort(), flushed: await t.flush() }));";
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: app, encoding: 'utf8' }));
}

function assertImports(app: string): void {
  const { exports, flushed } = importInNode(app);
  for (const name of ['createTracker', 'flush', 'identify', 'init', 'optIn', 'optOut', 'reset', 'track', 'watchDeclarative', 'watchRecommendations']) {
    assert.ok(exports.includes(name), `exports ${name}`);
  }
  assert.deepEqual(flushed, { delivered: 0, rejected: 0, pending: 0 });
}

before(() => {
  clone = freshClone();
});

test('npm pack on a fresh clone builds and ships dist/ (not src/), and the tarball installs and imports', () => {
  assert.ok(!existsSync(join(clone, 'dist')), 'a fresh clone has no dist/');
  symlinkSync(realpathSync(resolve('node_modules')), join(clone, 'node_modules')); // as `npm ci` left it
  const { tarball, files } = packPackage(temporaryFolder('pack'), { folder: clone, buildFirst: true });
  for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/types.d.ts', 'dist/sender.js', 'dist/personalize-tracker.js', 'dist/personalize-tracker-sender.js', 'LICENSE']) {
    assert.ok(files.includes(file), `the tarball has ${file}`);
  }
  assert.deepEqual(files.filter((file) => file.startsWith('src/')), [], 'no sources without source maps pointing into them');
  assertImports(installInApp(tarball));
});

test('a git+file: install builds the package and imports', { timeout: GIT_INSTALL_TIMEOUT_MS }, () => {
  assertImports(installInApp(`git+file://${clone}`));
});
