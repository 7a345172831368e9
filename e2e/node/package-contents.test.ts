// What the npm build ships where: the entry and its loader hold no AWS SDK (the sender's dynamic
// import is redirected to the pre-built dist/sender.js), and that file holds the SDK. Should the
// redirect ever miss (a renamed module), the SDK would land in every user's initial bundle. The
// relay (dist/relay/) imports the user's SDK, its optional peer dependency, and bundles none.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const SDK_MARKERS = ['AWS4-HMAC-SHA256', 'x-amz-content-sha256']; // in the SDK's SigV4 signer, kept by minification

/** The package's own JavaScript files, but the pre-built senders and the emulator. */
function entryFiles(folder = 'dist'): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return path === 'dist/emulator' ? [] : entryFiles(path);
    return path.endsWith('.js') && !['dist/sender.js', 'dist/personalize-tracker-sender.js'].includes(path) ? [path] : [];
  });
}

test('the npm entry imports the pre-built sender beside it and contains no AWS SDK', () => {
  const files = entryFiles();
  assert.ok(files.includes('dist/index.js'), 'dist/index.js is built (run `npm run build` first)');
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const marker of SDK_MARKERS) assert.ok(!source.includes(marker), `${file} contains the AWS SDK (${marker})`);
  }
  const importers = files.filter((file) => /import\(\s*['"]\.{1,2}\/(?:\.\.\/)*sender\.js['"]\s*\)/.test(readFileSync(file, 'utf8')));
  assert.equal(importers.length, 1, `one file imports ./sender.js dynamically: ${importers.join(', ')}`);
});

test('the pre-built sender holds the SDK', () => {
  const sender = readFileSync('dist/sender.js', 'utf8');
  for (const marker of SDK_MARKERS) assert.ok(sender.includes(marker), `dist/sender.js contains ${marker}`);
});

test('the relay imports the AWS SDK as the peer dependency it is, bundles none of it, and imports no node: module', () => {
  const relay = readFileSync('dist/relay/index.js', 'utf8');
  const imports = [...relay.matchAll(/^import\s[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
  assert.deepEqual(imports, ['@aws-sdk/client-personalize-events']);
  assert.doesNotMatch(relay, /['"]node:/);
  for (const marker of SDK_MARKERS) assert.ok(!relay.includes(marker), `dist/relay/index.js bundles the AWS SDK (${marker})`);
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(manifest.exports['./relay'], { types: './dist/relay/index.d.ts', import: './dist/relay/index.js', default: './dist/relay/index.js' });
  assert.equal(manifest.peerDependencies['@aws-sdk/client-personalize-events'], manifest.devDependencies['@aws-sdk/client-personalize-events']);
  assert.deepEqual(manifest.peerDependenciesMeta['@aws-sdk/client-personalize-events'], { optional: true });
  assert.equal(manifest.dependencies['@aws-sdk/client-personalize-events'], undefined);
  assert.doesNotMatch(readFileSync('dist/relay/types.d.ts', 'utf8'), /from\s*['"](@aws-sdk|@smithy|node:)/, 'the declarations need neither the SDK nor @types/node');
});
