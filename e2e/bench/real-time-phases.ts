// The runner's later phases: how soon events arrive (paced, desktop then mobile, and a burst of 100
// without flush()), the cold first delivery on a phone, and the longest task at 4× CPU.
import type { Browser } from '@playwright/test';
import { openBenchPage, type BenchPage } from './bench-page';
import { CONTENDERS, type Contender } from './contenders';
import { MOBILE } from './profile';
import { runColdStart } from './scenarios/cold-start';
import { runPaced, runSmallBurst, PACE_MS, type LatencyResult } from './scenarios/latency';
import { runLongTasks, WARM_BURSTS, type LongTaskRun } from './scenarios/long-tasks';

export const SMALL_BURST_ROUNDS = 3;
export const COLD_ROUNDS = 3;
export const LONG_TASK_ROUNDS = 2;
/** Event indexes of the mobile run, past those of the desktop run and the bursts. */
export const MOBILE_FIRST_INDEX = 10_000;
export const BURST_FIRST_INDEX = 1_000;

export interface ArrivalPhase {
  arrival: Map<string, { desktop: LatencyResult; mobile: LatencyResult }>;
  smallBurstRequests: Map<string, number[]>;
}

/**
 * One proxied, warm page per contender. The paced runs of all contenders go side by side (they idle
 * between events), started an equal share of a pace apart so their events never share a moment.
 */
export async function runArrivalPhase(browser: Browser, siteUrl: string): Promise<ArrivalPhase> {
  const pages: BenchPage[] = [];
  try {
    for (const contender of CONTENDERS) pages.push(await openBenchPage(browser, siteUrl, contender, { proxied: true }));
    const stagger = (i: number) => Math.round((i * PACE_MS) / pages.length);
    const desktop = await Promise.all(pages.map((bench, i) => runPaced(bench, 0, stagger(i))));
    const smallBurstRequests = new Map(pages.map((bench) => [bench.contender.name as string, [] as number[]]));
    for (let round = 0; round < SMALL_BURST_ROUNDS; round++) {
      for (const bench of pages) smallBurstRequests.get(bench.contender.name)!.push(await runSmallBurst(bench, BURST_FIRST_INDEX * (round + 1)));
    }
    for (const bench of pages) await bench.applyProfile(MOBILE);
    const mobile = await Promise.all(pages.map((bench, i) => runPaced(bench, MOBILE_FIRST_INDEX, stagger(i))));
    return { arrival: new Map(pages.map((bench, i) => [bench.contender.name, { desktop: desktop[i]!, mobile: mobile[i]! }])), smallBurstRequests };
  } finally {
    for (const bench of pages) await bench.close();
  }
}

/** `COLD_ROUNDS` cold starts per contender. */
export const runColdPhase = (browser: Browser, siteUrl: string) => rotating(CONTENDERS, COLD_ROUNDS, (contender) => runColdStart(browser, siteUrl, contender));

/** `LONG_TASK_ROUNDS` long-task runs per contender; only the first has the 1000-event burst (the snippet's takes ~10 s). */
export async function runLongTaskPhase(browser: Browser, siteUrl: string): Promise<Map<string, LongTaskRun[]>> {
  const rounds = new Map(CONTENDERS.map((contender) => [contender.name as string, 0]));
  return rotating(CONTENDERS, LONG_TASK_ROUNDS, (contender) => {
    const round = rounds.get(contender.name)!;
    rounds.set(contender.name, round + 1);
    return runLongTasks(browser, siteUrl, contender, round === 0 ? WARM_BURSTS : WARM_BURSTS.slice(0, 1));
  });
}

/** `rounds` runs per contender, one at a time (a throttled page needs the CPU to itself), the order rotating each round. */
export async function rotating<T>(contenders: Contender[], rounds: number, run: (contender: Contender) => Promise<T>): Promise<Map<string, T[]>> {
  const runs = new Map(contenders.map((contender) => [contender.name as string, [] as T[]]));
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      const contender = contenders[(round + turn) % contenders.length]!;
      runs.get(contender.name)!.push(await run(contender));
    }
  }
  return runs;
}
