// The cross-engine run's measurements in one engine (Firefox, WebKit, or Chromium through the same
// driver): per contender, track() → arrival of paced events on a warm page at 0 and at 150 ms per
// request, the PutEvents requests for 100 events, and cold first deliveries at 150 ms per request.
// One page at a time: Firefox hides every tab but the newest, and a hidden page's timers are
// throttled (https://developer.mozilla.org/docs/Web/API/Window/setTimeout#timeouts_in_inactive_tabs).
import type { EngineName } from '../engines/driver';
import { LAUNCHERS } from '../engines/engines';
import { CONTENDERS, type Contender } from './contenders';
import { openEngineTab, openWarmEngineTab } from './engine-bench-page';
import { MOBILE } from './profile';
import { BURST_FIRST_INDEX, COLD_ROUNDS, MOBILE_FIRST_INDEX, rotating, SMALL_BURST_ROUNDS } from './real-time-phases';
import { coldFirstDelivery, type ColdDelivery } from './scenarios/cold-start';
import { runPaced, runSmallBurst, type LatencyResult } from './scenarios/latency';
import { median } from './stats';

/** Amplify is left out: its fixed AWS hosts reach the emulator only through Playwright's context.route() (aws-route.ts). */
export const ENGINE_CONTENDERS: Contender[] = CONTENDERS.filter((contender) => !contender.needsAwsRoute);
/** The mobile profile's added latency; its 4× CPU is CDP Emulation.setCPUThrottlingRate, which only Chromium has. */
export const ENGINE_LATENCY_MS = MOBILE.latencyMs;

export interface Runs {
  median: number;
  runs: number[];
}

export interface EngineContenderResult {
  name: string;
  label: string;
  desktop: LatencyResult;
  latency: LatencyResult;
  requestsPer100Events: Runs;
  coldFirstDeliveryMs: Runs;
}

export interface EngineResult {
  engine: EngineName;
  version: string;
  contenders: EngineContenderResult[];
  /** The largest |Date.now() - performance.now() - performance.timeOrigin| of the cold pages (cold-start.ts). */
  timeOriginGapMs: number;
}

type Log = (message: string) => void;

export async function runEnginePhase(name: EngineName, siteUrl: string, log: Log): Promise<EngineResult> {
  const engine = await LAUNCHERS[name]();
  try {
    log(`${engine.version}: warm pages`);
    const warm = new Map<string, Omit<EngineContenderResult, 'coldFirstDeliveryMs' | 'name' | 'label'>>();
    for (const contender of ENGINE_CONTENDERS) {
      const bench = await openWarmEngineTab(engine, siteUrl, contender);
      try {
        const desktop = await runPaced(bench, 0);
        const bursts: number[] = [];
        for (let round = 0; round < SMALL_BURST_ROUNDS; round++) bursts.push(await runSmallBurst(bench, BURST_FIRST_INDEX * (round + 1)));
        bench.servers.setLatency(ENGINE_LATENCY_MS);
        const latency = await runPaced(bench, MOBILE_FIRST_INDEX);
        warm.set(contender.name, { desktop, latency, requestsPer100Events: runsOf(bursts) });
        log(`${engine.name} ${contender.name}: desktop ${desktop.medianMs} ms, +${ENGINE_LATENCY_MS} ms ${latency.medianMs} ms, ${median(bursts)} requests`);
      } finally {
        await bench.close();
      }
    }
    log(`${engine.name}: cold pages`);
    const cold = await rotating(ENGINE_CONTENDERS, COLD_ROUNDS, async (contender): Promise<ColdDelivery> => {
      const bench = await openEngineTab(engine, siteUrl, contender);
      try {
        bench.servers.setLatency(ENGINE_LATENCY_MS);
        return await coldFirstDelivery(bench, bench.servers.url({ auto: '1' }));
      } finally {
        await bench.close();
      }
    });
    const allCold = [...cold.values()].flat();
    return {
      engine: engine.name,
      version: engine.version,
      contenders: ENGINE_CONTENDERS.map((contender) => ({
        name: contender.name,
        label: contender.label,
        ...warm.get(contender.name)!,
        coldFirstDeliveryMs: runsOf(cold.get(contender.name)!.map((run) => run.firstDeliveryMs)),
      })),
      timeOriginGapMs: Math.max(...allCold.map((run) => Math.abs(run.timeOriginGapMs))),
    };
  } finally {
    await engine.close();
  }
}

const runsOf = (runs: number[]): Runs => ({ median: median(runs), runs });
