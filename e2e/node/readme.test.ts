// The README's promises that code can check: the stub is small and is the one the pages use, the
// bench figures are the last run's, and the Storage table names every key the tracker writes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { engineSummary } from '../bench/engine-markdown';
import { ENGINE_BENCH_END, ENGINE_BENCH_START, ENGINE_RESULTS_JSON, ENGINE_RESULTS_MD, ENGINE_SUMMARY_END, ENGINE_SUMMARY_START } from '../bench/engine-readme-table';
import { BENCH_DOC, BENCH_END, BENCH_START, SUMMARY_END, SUMMARY_START, benchSection, benchSummary } from '../bench/readme-table';

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

const between = (text: string, start: string, end: string) => text.slice(text.indexOf(start) + start.length, text.indexOf(end)).trim();
const latestBench = readFileSync('e2e/bench/results/latest.md', 'utf8');

test('docs/benchmarks.md shows the latest bench table, as `npm run bench` wrote it', () => {
  const doc = readFileSync(BENCH_DOC, 'utf8');
  assert.ok(doc.includes(BENCH_START) && doc.includes(BENCH_END), `${BENCH_DOC} has the bench markers`);
  assert.equal(between(doc, BENCH_START, BENCH_END), benchSection(latestBench));
});

test("the README's summary of promises quotes the latest bench, as `npm run bench` wrote it", () => {
  assert.ok(readme.includes(SUMMARY_START) && readme.includes(SUMMARY_END), 'the README has the summary markers');
  const summary = between(readme, SUMMARY_START, SUMMARY_END);
  assert.equal(summary, benchSummary(latestBench));
  assert.equal(summary.split('\n').length, 2 + 6, 'one row per promise');
});

test('docs/benchmarks.md shows the latest cross-engine table, as `npm run bench -- --engines` wrote it', () => {
  const doc = readFileSync(BENCH_DOC, 'utf8');
  assert.ok(doc.includes(ENGINE_BENCH_START) && doc.includes(ENGINE_BENCH_END), `${BENCH_DOC} has the cross-engine markers`);
  assert.equal(between(doc, ENGINE_BENCH_START, ENGINE_BENCH_END), benchSection(readFileSync(ENGINE_RESULTS_MD, 'utf8')));
});

test("the README's cross-engine lines are the latest run's, as `npm run bench -- --engines` wrote them", () => {
  assert.ok(readme.includes(ENGINE_SUMMARY_START) && readme.includes(ENGINE_SUMMARY_END), 'the README has the cross-engine markers');
  assert.equal(between(readme, ENGINE_SUMMARY_START, ENGINE_SUMMARY_END), engineSummary(JSON.parse(readFileSync(ENGINE_RESULTS_JSON, 'utf8'))));
});

test("the README's Quick start comes within its first 60 lines", () => {
  const line = readme.split('\n').indexOf('## Quick start') + 1;
  assert.ok(line > 0 && line <= 60, `## Quick start is on line ${line}`);
});

test("the README's Storage table names every key and database that privacy.md lists as written", () => {
  const privacy = readFileSync('docs/privacy.md', 'utf8');
  const rows = between(privacy, '<!-- storage-items:start -->', '<!-- storage-items:end -->').split('\n').slice(2);
  const storage = readme.slice(readme.indexOf('### Storage'), readme.indexOf('\n### ', readme.indexOf('### Storage') + 1));
  const written = rows.filter((row) => !/^\| (Web Locks|memory only)/.test(row) && !row.includes('| never now |'));
  assert.ok(written.length >= 10, `privacy.md lists ${written.length} written items`);
  for (const row of written) {
    const names = [...row.split(' | ')[1]!.matchAll(/`([^`]+)`/g)].map(([, name]) => name!); // the name column: a key, or a database and its store
    assert.ok(names.length > 0, `a name in ${row}`);
    for (const name of names) assert.ok(storage.includes(`\`${name}\``), `the README's Storage table lacks ${name}`);
  }
});
