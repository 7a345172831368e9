// Renders the results as the markdown table `npm run bench` prints and writes to latest.md.
import type { ScriptAttribution } from './long-tasks';
import { machineLine } from './machine';
import type { BenchResults, ContenderResult, LongTaskSummary } from './results';

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const fraction = (part: { delivered: number; tracked: number }) => `${part.delivered} / ${part.tracked}`;

const latency = (result: { medianMs: number; p95Ms: number; delivered: number; tracked: number }) =>
  `${result.medianMs} / ${result.p95Ms} ms${result.delivered < result.tracked ? ` (${result.delivered} of ${result.tracked} arrived)` : ''}`;

/** The script a long frame spent most of its time in: its file, and how it was entered. */
function culprit(script: ScriptAttribution | undefined): string {
  if (!script) return '';
  // No source: the task the page itself started (the bench's setTimeout calling track(), or the
  // script tag's load handler), with the library's promise continuations that ran inside it.
  const file = script.source.startsWith('/') ? script.source.slice(script.source.lastIndexOf('/') + 1) : 'the page task that called track()';
  // An inline script's invoker is the page's URL: its file name says as much without the query string.
  const invoker = script.invoker.replace(/^SCRIPT\[src="[^"]*\/([^/"]+)"\]/, '$1').replace(/^https?:\/\/\S*\/([^/?\s]+)(\?\S*)?$/, '$1');
  return `; mostly ${file} (${invoker}) ${script.durationMs} ms`;
}

/** The Long Tasks API reports only tasks over 50 ms (https://w3c.github.io/longtasks/#sec-terminology): 0 means none, not 0 ms. */
const LONG_TASK_THRESHOLD_MS = 50;

const longTask = (summary: LongTaskSummary) =>
  `${summary.worst.longestTaskMs === 0 ? `none over ${LONG_TASK_THRESHOLD_MS} ms` : `${summary.worst.longestTaskMs} ms`} (rounds: ${summary.runsMs.join(', ')})${culprit(summary.worst.longestFrame?.scripts[0])}`;

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
    [
      `track() → arrival at PutEvents, one event every ${method.paceMs} ms × ${method.pacedEvents}, warm page, desktop: median / p95`,
      (r) => latency(r.arrival.desktop),
    ],
    [
      `… same, mobile profile (${method.mobile.latencyMs} ms added to every request, ${method.mobile.cpuThrottlingRate}× CPU)`,
      (r) => latency(r.arrival.mobile),
    ],
    [
      `PutEvents requests for ${method.smallBurstEvents} events tracked in one task, no flush() (median of ${method.smallBurstRounds})`,
      (r) => String(r.smallBurstRequests.median),
    ],
    [
      `Cognito calls for one visitor, ${method.pageViews} page views in ${method.tabs} tabs: GetId / GetCredentialsForIdentity`,
      (r) => `${r.cognitoCalls.getId} / ${r.cognitoCalls.getCredentials}`,
    ],
    [
      `cold page, mobile profile: navigation start → first event at PutEvents (median of ${method.coldRounds}; min–max)`,
      (r) => `${r.coldFirstDeliveryMs.median} ms (${Math.min(...r.coldFirstDeliveryMs.runs)}–${Math.max(...r.coldFirstDeliveryMs.runs)})`,
    ],
    [
      `longest main-thread task at ${method.longTaskCpuRate}× CPU, cold page tracking ${method.longTaskColdEvents} events (worst of the rounds; long-animation-frame attribution)`,
      (r) => longTask(r.longTasks.cold),
    ],
    ...method.longTaskWarmBursts.map(
      (events, i): Row => [`… same, warm page, a burst of ${events} events`, (r) => longTask(r.longTasks.warm[i]!)],
    ),
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
    `Command \`${run.command}\` · Chromium ${run.chromium} (headless) · ${machineLine(run.machine)} · ` +
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
