// The cross-engine bench's pure parts: which engines a flag picks, the tracker-against-snippet
// comparison, summing paced runs, and the tables it writes (e2e/bench/engine-*.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chosenBenchEngines, coversCrossEngineTable } from '../bench/engine-choice';
import { engineSummary, gapLine, renderEngineMarkdown } from '../bench/engine-markdown';
import type { EngineContenderResult, EngineResult } from '../bench/engine-phase';
import { medianGap, type EngineBenchResults } from '../bench/engine-results';
import { latencyOf } from '../bench/scenarios/latency';

const paced = (medianMs: number, p95Ms: number) => ({ medianMs, p95Ms, delivered: 30, tracked: 30 });
const runs = (values: number[]) => ({ median: values[1]!, runs: values });

function contender(name: string, desktopMs: number, latencyMs: number, requests: number): EngineContenderResult {
  return {
    name,
    label: `${name} label`,
    desktop: paced(desktopMs, desktopMs * 2),
    latency: paced(latencyMs, latencyMs + 20),
    requestsPer100Events: runs([requests, requests, requests]),
    coldFirstDeliveryMs: runs([900, 1000, 1100]),
  };
}

const engine = (version: string, trackerMs: number): EngineResult => ({
  engine: 'firefox',
  version,
  contenders: [contender('tracker', trackerMs, 170, 10), contender('sdk', 16, 160, 100), contender('relay', 17, 171, 10)],
  timeOriginGapMs: 0,
});

const results: EngineBenchResults = {
  run: {
    command: 'npm run bench -- --engines',
    date: '2026-12-04T03:00:00.000Z',
    machine: { cpus: 2, cpuModel: 'CPU', memoryGiB: 8, platform: 'linux x64', node: 'v20' },
    method: { pacedEvents: 30, paceMs: 700, latencyMs: 150, smallBurstEvents: 100, smallBurstRounds: 3, coldRounds: 3 },
    durationSeconds: 300,
  },
  engines: [engine('Firefox 140.12.0', 20), engine('MiniBrowser 2.50.6', 80)],
};

test('--engines is Firefox and WebKit; --engine adds any of the three, once each; an unknown name throws', () => {
  assert.deepEqual(chosenBenchEngines(undefined, false), []);
  assert.deepEqual(chosenBenchEngines(undefined, true), ['firefox', 'webkit']);
  assert.deepEqual(chosenBenchEngines(['webkit', 'chromium,webkit'], false), ['webkit', 'chromium']);
  assert.throws(() => chosenBenchEngines(['safari']), /unknown engine "safari"/);
  assert.equal(coversCrossEngineTable(['firefox']), false);
  assert.equal(coversCrossEngineTable(['chromium', 'webkit', 'firefox']), true);
});

test("the tracker's median is compared with the snippet's, desktop and with latency, against a 50 ms margin", () => {
  assert.deepEqual(medianGap(results.engines[0]!), { desktopMs: 4, latencyMs: 10, withinMargin: true });
  assert.deepEqual(medianGap(results.engines[1]!), { desktopMs: 64, latencyMs: 10, withinMargin: false });
  assert.equal(
    gapLine(results.engines[0]!),
    "Firefox 140.12.0: personalize-tracker's median minus the snippet's +4 ms desktop, +10 ms with the added latency (within 50 ms); cold pages' navigation start by `Date.now() - performance.now()` and by `performance.timeOrigin` at most 0 ms apart.",
  );
});

test('paced runs are summed before the median and nearest-rank p95 are taken', () => {
  const summary = latencyOf([
    { delaysMs: [1, 2, 3], delivered: 3, tracked: 3 },
    { delaysMs: [4, 100], delivered: 2, tracked: 3 },
  ]);
  assert.deepEqual(summary, { medianMs: 3, p95Ms: 100, delivered: 5, tracked: 6 });
});

test('the table has four rows per engine, the version on the first, the contenders as columns', () => {
  const markdown = renderEngineMarkdown(results);
  const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
  assert.equal(rows.length, 2 + 2 * 4); // the header and the divider, then the rows
  assert.match(rows[0]!, /^\| \| tracker label \| sdk label \| relay label \|$/);
  assert.match(rows[2]!, /^\| \*\*Firefox 140\.12\.0\*\*: track\(\) → arrival .* \| 20 \/ 40 ms \| 16 \/ 32 ms \| 17 \/ 34 ms \|$/);
  assert.match(rows[4]!, /cold page, 150 ms per request.* \| 1000 ms \(900–1100\) \|/);
  assert.match(markdown, /WebKitGTK 2\.50\.6 \(MiniBrowser\): .* \+64 ms desktop, .*\(MORE than 50 ms slower\)/);
});

test("the README lines give each engine's tracker figures with the snippet's in brackets", () => {
  const lines = engineSummary(results).split('\n');
  assert.equal(lines.length, 2 + 2);
  assert.equal(lines[2], '| Firefox 140.12.0 | 20 / 40 ms (16 / 32 ms) | 170 / 190 ms (160 / 180 ms) | 1000 ms (1000 ms) | 10 (100) |');
});
