// The latest bench table is shown in docs/benchmarks.md, and a summary of it in the README, both
// copied from results/latest.md between markers so that neither is typed by hand
// (e2e/node/readme.test.ts checks both copies).
import { readFileSync, writeFileSync } from 'node:fs';

export const BENCH_DOC = 'docs/benchmarks.md';
export const BENCH_START = '<!-- bench:start (copied from e2e/bench/results/latest.md by `npm run bench`) -->';
export const BENCH_END = '<!-- bench:end -->';
export const SUMMARY_START = '<!-- bench-summary:start (generated from e2e/bench/results/latest.md by `npm run bench`) -->';
export const SUMMARY_END = '<!-- bench-summary:end -->';

/** The part of latest.md that docs/benchmarks.md shows: everything after its title line. */
export const benchSection = (markdown: string) => markdown.slice(markdown.indexOf('\n') + 1).trim();

/** The cells of the bench row whose label starts with `label`: personalize-tracker, the SDK snippet, Amplify, the relay. */
function benchRow(markdown: string, label: string): string[] {
  for (const line of markdown.split('\n')) {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '').trim());
    if (cells[0]!.startsWith(label)) return cells.slice(1);
  }
  throw new Error(`the bench table has no row "${label}"`);
}

/** A bench cell without its parenthesised detail: `3.60 µs (2.90–8.00)` is `3.60 µs`. */
const firstFigure = (cell: string) => cell.replace(/ \(.*$/, '');

/** The relay's goals, each stated beside the figure that checks it. */
const RELAY_LONGEST_TASK_GOAL_MS = 16;
const RELAY_MAIN_THREAD_GOAL_RATIO = 0.25;

/** `a / b` of two cells' leading numbers (`280.0 ms`, `556.1 ms`), to two places. */
const ratio = (a: string, b: string) => (Number.parseFloat(a) / Number.parseFloat(b)).toFixed(2);

/** The README's table of promises, one row each, with the bench figures that back them. */
export function benchSummary(markdown: string): string {
  const row = (label: string) => benchRow(markdown, label);
  const [tabClose, sdkTabClose, amplifyTabClose] = row('delivered when the tab closes');
  const [offline, sdkOffline, amplifyOffline] = row('delivered after 30 s offline');
  const [desktop, sdkDesktop, amplifyDesktop, relayDesktop] = row('track() → arrival at PutEvents');
  const [mobile, , , relayMobile] = row('… same, mobile profile');
  const [criticalJs, sdkCriticalJs, amplifyCriticalJs] = row('JS on the critical path');
  const [perCall] = row('track() main thread per call');
  const [burstTask, , , relayBurstTask] = row('… same, warm page, a burst of 1000 events');
  const [, sdkCold, , relayCold] = row('cold page, mobile profile');
  const [, , , relayColdTask] = row('longest main-thread task at');
  const [, , amplifyDeliver, relayDeliver] = row('main thread to record + deliver');
  return [
    '| promise | measured: personalize-tracker (AWS SDK snippet; Amplify) | details |',
    '| --- | --- | --- |',
    `| Nothing lost, none counted twice | tab closed 100 ms after the last \`track()\`: ${tabClose} (${sdkTabClose}; ${amplifyTabClose}). After 30 s offline: ${offline} (${sdkOffline}; ${amplifyOffline}). A rare repeat keeps its \`eventId\` | [Limitations](#limitations), [docs/delivery.md](docs/delivery.md) |`,
    `| Real time | \`track()\` → PutEvents, median / p95: ${desktop} (${sdkDesktop}; ${amplifyDesktop}). Mobile profile: ${mobile}. Relay mode: ${relayDesktop}; mobile profile ${relayMobile} | [docs/benchmarks.md](docs/benchmarks.md) |`,
    `| Small on the page | JS fetched before the first \`track()\` (bench adapter included): ${criticalJs} (${sdkCriticalJs}; ${amplifyCriticalJs}). \`track()\`: ${firstFigure(perCall)} per call; longest task for a burst of 1000: ${firstFigure(burstTask)} | [docs/benchmarks.md](docs/benchmarks.md) |`,
    `| Relay mode: no AWS SDK, no Cognito on the page | cold page on the mobile profile, navigation → first event at PutEvents: ${firstFigure(relayCold!)} (SDK snippet ${firstFigure(sdkCold!)}; goal: below it). Longest task at 4× CPU, cold page: ${firstFigure(relayColdTask!)}; burst of 1000: ${firstFigure(relayBurstTask!)} (goal: ≤ ${RELAY_LONGEST_TASK_GOAL_MS} ms each; the Long Tasks API sees only tasks over 50 ms). Main thread for 1000 events: ${relayDeliver} = ${ratio(relayDeliver!, amplifyDeliver!)}× Amplify's ${amplifyDeliver} (goal: ≤ ${RELAY_MAIN_THREAD_GOAL_RATIO}×) | [docs/relay.md](docs/relay.md), [docs/benchmarks.md](docs/benchmarks.md) |`,
    '| Clear errors | `track()` checks every PutEvents limit and throws a `TypeError` that names the field and the limit | [`track()`](#trackeventtype-properties) |',
    '| Safe anywhere | on a server every call does nothing; blocked or full storage keeps the events elsewhere and says so once | [Packaging](#packaging-bundlers-and-sizes), [docs/delivery.md](docs/delivery.md#storage-that-refuses) |',
  ].join('\n');
}

export function writeBetween(path: string, start: string, end: string, content: string): void {
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no markers ${start}`);
  writeFileSync(path, `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`);
}

export function writeBenchDocs(markdown: string): void {
  writeBetween(BENCH_DOC, BENCH_START, BENCH_END, benchSection(markdown));
  writeBetween('README.md', SUMMARY_START, SUMMARY_END, benchSummary(markdown));
}
