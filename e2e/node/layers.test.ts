// The rooms of src/ and the one door between the chunks, read from the imports (static, type-only
// and dynamic): the loader and the sender never import each other, but for the loader's one
// dynamic import of the sender chunk; the shared kernel imports nothing above it; the server-side
// rooms (emulator, build, relay) stay out of the browser code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*)\1/g;

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

/** The room of a file: the first folder under src/, or the file itself at the top. */
const roomOf = (file: string) => relative('src', file).split('/')[0]!.replace(/\.ts$/, '');

interface Arrow {
  from: string;
  to: string;
  dynamic: boolean;
}

/** The source without its comments, which may quote an import. */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

const ARROWS: Arrow[] = sourceFiles('src').flatMap((file) =>
  [...code(file).matchAll(IMPORT)].map((match) => ({
    from: file,
    to: normalize(join(dirname(file), match[2]!)).replace(/(\.ts)?$/, '.ts'),
    dynamic: match[0].includes('('),
  })),
);

const between = (from: string, to: string) => ARROWS.filter((arrow) => roomOf(arrow.from) === from && roomOf(arrow.to) === to);

test('the sender never imports the loader', () => {
  assert.deepEqual(between('sender', 'loader'), []);
});

test("the loader imports the sender only through dynamic imports of the two senders' entries", () => {
  const arrows = between('loader', 'sender');
  assert.deepEqual(arrows, [
    { from: 'src/loader/default-tracker.ts', to: 'src/sender/relay-sender.ts', dynamic: true },
    { from: 'src/loader/default-tracker.ts', to: 'src/sender/sender.ts', dynamic: true },
  ]);
});

test('the shared kernel imports nothing but itself and the public types', () => {
  const outside = ARROWS.filter((arrow) => roomOf(arrow.from) === 'shared' && !['shared', 'types'].includes(roomOf(arrow.to)));
  assert.deepEqual(outside, []);
});

test('browser code imports neither the emulator, the relay nor the build plugins', () => {
  const browser = ['loader', 'sender', 'dom', 'shared', 'index', 'script-tag', 'script-tag-sender', 'script-tag-relay'];
  const crossing = ARROWS.filter((arrow) => browser.includes(roomOf(arrow.from)) && ['emulator', 'build', 'relay'].includes(roomOf(arrow.to)));
  assert.deepEqual(crossing, []);
});

test('the relay takes from the browser code only its validator, the limits and the public types', () => {
  const taken = [...new Set(ARROWS.filter((arrow) => roomOf(arrow.from) === 'relay' && roomOf(arrow.to) !== 'relay').map((arrow) => arrow.to))].sort();
  assert.deepEqual(taken, ['src/loader/validate.ts', 'src/shared/limits.ts', 'src/shared/relay-wire.ts', 'src/types.ts']);
});
