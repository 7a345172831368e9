// The README's promises that code can check: the stub is small and is the one the pages use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BENCH_END, BENCH_START, benchSection } from '../bench/readme-table';

const MAX_STUB_BYTES = 400; // issue 3: the inline stub stays tiny
const readme = readFileSync('README.md', 'utf8');
const stubSection = readme.slice(readme.indexOf('<!-- stub:start -->'), readme.indexOf('<!-- stub:end -->'));
const stub = /<script>(.*?)<\/script>/.exec(stubSection)?.[1] ?? '';

test('the README documents an inline stub of at most 400 bytes', () => {
  assert.match(stub, /personalize/);
  assert.ok(Buffer.byteLength(stub) <= MAX_STUB_BYTES, `stub is ${Buffer.byteLength(stub)} bytes`);
});

test('the test page and the demo shop use the README stub byte for byte', () => {
  for (const page of ['e2e/pages/tracker.html', 'demo/index.html']) {
    assert.ok(readFileSync(page, 'utf8').includes(`<script>${stub}</script>`), `${page} has the README stub`);
  }
});

test('the stub queues calls in order as [method, arguments]', () => {
  const window: Record<string, any> = {};
  new Function('window', stub)(window);
  window.personalize.track('View', { itemId: 'a' });
  window.personalize.init({ trackingId: 't' });
  assert.deepEqual(window.personalize.q, [
    ['track', ['View', { itemId: 'a' }]],
    ['init', [{ trackingId: 't' }]],
  ]);
});

test('the README shows the latest bench table, as `npm run bench` wrote it', () => {
  const shown = readme.slice(readme.indexOf(BENCH_START) + BENCH_START.length, readme.indexOf(BENCH_END)).trim();
  assert.equal(shown, benchSection(readFileSync('e2e/bench/results/latest.md', 'utf8')));
});
