// Renders the results as the markdown table `npm run bench` prints and writes to latest.md.
import type { BenchResults, ContenderResult } from './results';

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const fraction = (part: { delivered: number; tracked: number }) => `${part.delivered} / ${part.tracked}`;

type Row = [label: string, cell: (result: ContenderResult) => string];

function rows(results: BenchResults): Row[] {
  const { method } = results.run;
  return [
    ['JS on the critical path (gzip -9, fetched before the first track())', (r) => kilobytes(r.criticalPathGzipBytes)],
    ['JS in total (gzip -9, every script the page fetched)', (r) => kilobytes(r.totalGzipBytes)],
    [
      `track() main thread per call (median of ${method.burstRounds} bursts × ${method.eventsPerBurst}; min–max)`,
      (r) => `${r.trackUsPerCall.median.toFixed(2)} µs (${r.trackUsPerCall.min.toFixed(2)}–${r.trackUsPerCall.max.toFixed(2)})`,
    ],
    ['what track() leaves behind after it returns', (r) => r.trackLeavesBehind],
    [`main thread to record + deliver ${method.eventsPerBurst} events: TaskDuration (median)`, (r) => `${r.deliver1000.taskMsMedian.toFixed(1)} ms`],
    [
      `… of which ScriptDuration (median; Chrome leaves out promise continuations, where most of this work runs)`,
      (r) => `${r.deliver1000.scriptMsMedian.toFixed(1)} ms`,
    ],
    [`fewest events delivered in a burst (of ${method.eventsPerBurst})`, (r) => String(r.deliver1000.fewestDelivered)],
    ['PutEvents requests per 100 events (median)', (r) => r.requestsPer100Events.toFixed(1)],
    [`delivered when the tab closes ${method.closeAfterMs} ms after the last track(), no revisit`, (r) => fraction(r.tabClose)],
    [`delivered after ${method.offlineMs / 1000} s offline (within 15 s of reconnecting)`, (r) => fraction(r.offline)],
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const { run, contenders } = results;
  const header = `| | ${contenders.map((c) => c.label).join(' | ')} |`;
  const divider = `| --- |${contenders.map(() => ' --- |').join('')}`;
  const body = rows(results).map(([label, cell]) => `| ${label} | ${contenders.map(cell).join(' | ')} |`);
  return [
    `# personalize bench: ${run.date}`,
    '',
    `Command \`${run.command}\` · Chromium ${run.chromium} (headless) · ${run.machine.cpus} × ${run.machine.cpuModel}, ` +
      `${run.machine.memoryGiB} GiB · ${run.machine.platform} · Node ${run.machine.node} · ` +
      `main-thread counters in ${run.method.mainThreadTimeDomain} · run took ${run.durationSeconds} s`,
    '',
    header,
    divider,
    ...body,
    '',
    'Method and caveats: e2e/bench/README.md.',
    '',
  ].join('\n');
}
