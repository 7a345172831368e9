// `npm run bench` (run.ts): personalize-tracker (direct and relay), the AWS SDK snippet and Amplify side by side in Chromium
// against the emulator. Prints the markdown table and writes e2e/bench/results/latest.{json,md},
// the table into docs/benchmarks.md and its summary into the README (readme-table.ts).
import { writeFileSync } from 'node:fs';
import { BENCH_DOC, writeBenchDocs } from './readme-table';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../harness/browser';
import { startStaticServer } from '../harness/static-server';
import { openBenchPage, type BenchPage } from './bench-page';
import { buildBenchPages } from './build';
import { CONTENDERS } from './contenders';
import { machineInfo } from './machine';
import { renderMarkdown } from './markdown';
import { MOBILE } from './profile';
import { COLD_ROUNDS, LONG_TASK_ROUNDS, runArrivalPhase, runColdPhase, runLongTaskPhase, SMALL_BURST_ROUNDS } from './real-time-phases';
import { contenderResult, type BenchResults } from './results';
import { BURST_EVENTS, runBursts } from './scenarios/bursts';
import { PAGE_VIEWS, runCognitoCalls, TABS, type CognitoCalls } from './scenarios/cognito-calls';
import { PACE_MS, PACED_EVENTS, SMALL_BURST_EVENTS } from './scenarios/latency';
import { COLD_EVENTS, LONG_TASK_CPU_RATE, WARM_BURSTS } from './scenarios/long-tasks';
import { OFFLINE_EVENTS, OFFLINE_MS, runOffline } from './scenarios/offline';
import { CLOSE_AFTER_MS, runTabClose, TAB_CLOSE_EVENTS, type TabCloseResult } from './scenarios/tab-close';
import { GZIP_LEVEL, splitScriptBytes } from './script-bytes';
import { snapshotSite } from './site-snapshot';

export const DEFAULT_ROUNDS = 8; // bursts per contender: 15 until the real-time phases came, which needed the time
export const RESULTS_DIR = 'e2e/bench/results';
const COMMAND = 'npm run bench';

/** The Chromium bench: `rounds` bursts per contender; `write` updates the results files and docs. */
export async function runChromiumBench(rounds: number, write: boolean): Promise<void> {
  const startedAt = Date.now();
  const log = (message: string) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}`);

  await buildBenchPages();
  const snapshot = snapshotSite();
  const site = await startStaticServer({ root: snapshot.root, port: 0 });
  const browser = await chromium.launch({ executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS });
  log(`bench pages built; Chromium ${browser.version()}`);

  try {
    // Phase 1: bursts on one warm page per contender, interleaved. Also where the JS bytes are read.
    const pages: BenchPage[] = [];
    for (const contender of CONTENDERS) pages.push(await openBenchPage(browser, site.url, contender));
    const bursts = await runBursts(pages, rounds, (round) => log(`burst round ${round + 1}/${rounds} done`));
    const bytes = await Promise.all(pages.map(async (bench) => splitScriptBytes(await bench.scripts.fetches(), bench.fetchedBeforeFirstTrack, site.url)));
    for (const bench of pages) await bench.close();

    // Phase 2: the offline runs wait out their outage together; the tab-close and Cognito runs,
    // one contender at a time, fill that wait (they only count, so sharing the CPU is harmless).
    let offlineCount = 0;
    let allOffline: () => void = () => undefined;
    const allWentOffline = new Promise<void>((resolve) => (allOffline = resolve));
    const offline = Promise.all(CONTENDERS.map((contender) => runOffline(browser, site.url, contender, () => ++offlineCount === CONTENDERS.length && allOffline())));
    await allWentOffline;
    log('offline phase: all offline; tab-close runs now');
    const tabClose: TabCloseResult[] = [];
    for (const contender of CONTENDERS) tabClose.push(await runTabClose(browser, site.url, contender));
    log('tab-close done; Cognito page views now');
    const cognitoCalls: CognitoCalls[] = [];
    for (const contender of CONTENDERS) cognitoCalls.push(await runCognitoCalls(browser, site.url, contender));
    log('Cognito page views done; waiting for the offline phase');
    const offlineResults = await offline;

    // Phases 3–5: how soon events arrive, a phone's cold first delivery, the longest task at 4× CPU.
    log('offline done; paced events (desktop, then mobile) now');
    const arrivalPhase = await runArrivalPhase(browser, site.url);
    log('paced events done; cold starts now');
    const cold = await runColdPhase(browser, site.url);
    log('cold starts done; long tasks now');
    const longTasks = await runLongTaskPhase(browser, site.url);
    log('long tasks done');

    const results: BenchResults = {
      run: {
        command: COMMAND,
        date: new Date(startedAt).toISOString(),
        chromium: browser.version(),
        machine: machineInfo(),
        method: {
          burstRounds: rounds,
          eventsPerBurst: BURST_EVENTS,
          mainThreadTimeDomain: bursts.timeDomain,
          gzipLevel: GZIP_LEVEL,
          tabCloseEvents: TAB_CLOSE_EVENTS,
          closeAfterMs: CLOSE_AFTER_MS,
          offlineEvents: OFFLINE_EVENTS,
          offlineMs: OFFLINE_MS,
          pacedEvents: PACED_EVENTS,
          paceMs: PACE_MS,
          mobile: { latencyMs: MOBILE.latencyMs, cpuThrottlingRate: MOBILE.cpuThrottlingRate },
          smallBurstEvents: SMALL_BURST_EVENTS,
          smallBurstRounds: SMALL_BURST_ROUNDS,
          pageViews: PAGE_VIEWS,
          tabs: TABS,
          coldRounds: COLD_ROUNDS,
          longTaskCpuRate: LONG_TASK_CPU_RATE,
          longTaskRounds: LONG_TASK_ROUNDS,
          longTaskColdEvents: COLD_EVENTS,
          longTaskWarmBursts: WARM_BURSTS,
        },
        durationSeconds: Math.round((Date.now() - startedAt) / 1000),
      },
      contenders: CONTENDERS.map((contender, i) =>
        contenderResult(contender, bytes[i]!, bursts.samples.get(contender.name)!, tabClose[i]!, offlineResults[i]!, {
          arrival: arrivalPhase.arrival.get(contender.name)!,
          smallBurstRequests: arrivalPhase.smallBurstRequests.get(contender.name)!,
          cognitoCalls: cognitoCalls[i]!,
          coldFirstDeliveryMs: cold.get(contender.name)!,
          longTasks: longTasks.get(contender.name)!,
          warmBursts: WARM_BURSTS,
        }),
      ),
    };
    const markdown = renderMarkdown(results);
    console.log(`\n${markdown}`);
    if (write) {
      writeFileSync(`${RESULTS_DIR}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
      writeFileSync(`${RESULTS_DIR}/latest.md`, markdown);
      writeBenchDocs(markdown);
      log(`wrote ${RESULTS_DIR}/latest.json and latest.md, the table into ${BENCH_DOC} and its summary into README.md`);
    }
  } finally {
    await browser.close();
    await site.close();
    snapshot.remove();
  }
}
