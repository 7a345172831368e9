// The cross-engine table (results/engines-latest.md, docs/benchmarks.md) and its README summary.
// Rows are engine × measure, columns the contenders, as in the Chromium table (markdown.ts).
import type { EngineContenderResult, EngineResult, Runs } from './engine-phase';
import { MEDIAN_MARGIN_MS, medianGap, type EngineBenchResults } from './engine-results';
import { machineLine } from './machine';
import type { LatencyResult } from './scenarios/latency';

const latency = (result: LatencyResult) =>
  `${result.medianMs} / ${result.p95Ms} ms${result.delivered < result.tracked ? ` (${result.delivered} of ${result.tracked} arrived)` : ''}`;
const spread = (runs: Runs, unit: string) => `${runs.median}${unit} (${Math.min(...runs.runs)}–${Math.max(...runs.runs)})`;
const signed = (ms: number) => `${ms > 0 ? '+' : ms < 0 ? '−' : '±'}${Math.abs(ms)} ms`;

/** MiniBrowser reports WebKitGTK's version as its own (webkit.ts); the table names the engine. */
export const engineLabel = (engine: EngineResult) => engine.version.replace(/^MiniBrowser (\S+)$/, 'WebKitGTK $1 (MiniBrowser)');

type Row = [label: string, cell: (result: EngineContenderResult) => string];

function rows(method: EngineBenchResults['run']['method']): Row[] {
  return [
    [`track() → arrival at PutEvents, one event every ${method.paceMs} ms × ${method.pacedEvents}, warm page, desktop: median / p95`, (r) => latency(r.desktop)],
    [`… same, ${method.latencyMs} ms added to every request (no CPU throttling: that is CDP's)`, (r) => latency(r.latency)],
    [
      `cold page, ${method.latencyMs} ms per request: navigation start → first event at PutEvents (median of ${method.coldRounds}; min–max)`,
      (r) => spread(r.coldFirstDeliveryMs, ' ms'),
    ],
    [`PutEvents requests for ${method.smallBurstEvents} events tracked in one task, no flush() (median of ${method.smallBurstRounds})`, (r) => String(r.requestsPer100Events.median)],
  ];
}

function engineRows(engine: EngineResult, method: EngineBenchResults['run']['method']): string[] {
  return rows(method).map(([label, cell], i) => `| ${i === 0 ? `**${engineLabel(engine)}**: ` : ''}${label} | ${engine.contenders.map(cell).join(' | ')} |`);
}

/** One sentence per engine: the tracker's medians against the snippet's. */
export function gapLine(engine: EngineResult): string {
  const gap = medianGap(engine);
  const verdict = gap.withinMargin ? `within ${MEDIAN_MARGIN_MS} ms` : `MORE than ${MEDIAN_MARGIN_MS} ms slower`;
  return (
    `${engineLabel(engine)}: personalize-tracker's median minus the snippet's ${signed(gap.desktopMs)} desktop, ${signed(gap.latencyMs)} with the added latency (${verdict}); ` +
    `cold pages' navigation start by \`Date.now() - performance.now()\` and by \`performance.timeOrigin\` at most ${engine.timeOriginGapMs} ms apart.`
  );
}

export function renderEngineMarkdown(results: EngineBenchResults): string {
  const { run, engines } = results;
  const labels = engines[0]?.contenders.map((c) => c.label) ?? [];
  return [
    `# personalize bench across engines: ${run.date}`,
    '',
    `Command \`${run.command}\` · ${engines.map(engineLabel).join(' · ')} · ${machineLine(run.machine)} · run took ${run.durationSeconds} s`,
    '',
    `| | ${labels.join(' | ')} |`,
    `| --- |${labels.map(() => ' --- |').join('')}`,
    ...engines.flatMap((engine) => engineRows(engine, run.method)),
    '',
    ...engines.map(gapLine),
    '',
    'One page at a time, in a tab of its own. Amplify is not run: its AWS hosts reach the emulator only through',
    "Playwright's request routing. Method and caveats: e2e/bench/README.md.",
    '',
  ].join('\n');
}

/** The README's lines: per engine, the tracker's figures with the snippet's in brackets. */
export function engineSummary(results: EngineBenchResults): string {
  const { method } = results.run;
  const lines = results.engines.map((engine) => {
    const [tracker, sdk] = ['tracker', 'sdk'].map((name) => engine.contenders.find((c) => c.name === name)!);
    return (
      `| ${engineLabel(engine)} | ${latency(tracker!.desktop)} (${latency(sdk!.desktop)}) | ${latency(tracker!.latency)} (${latency(sdk!.latency)}) | ` +
      `${tracker!.coldFirstDeliveryMs.median} ms (${sdk!.coldFirstDeliveryMs.median} ms) | ${tracker!.requestsPer100Events.median} (${sdk!.requestsPer100Events.median}) |`
    );
  });
  return [
    `| engine | \`track()\` → PutEvents, median / p95: personalize-tracker (AWS SDK snippet) | same, ${method.latencyMs} ms per request | cold page, navigation → first event at PutEvents | PutEvents requests per ${method.smallBurstEvents} events |`,
    '| --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n');
}
