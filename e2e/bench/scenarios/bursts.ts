// Bursts of track() calls on warm pages, contenders interleaved round by round (so slow drift of
// the machine hits all alike). Each burst gives: the synchronous loop's time per call, the
// main-thread time until the emulator has every event, and the PutEvents attempts it took.
import { waitForDelivered } from '../delivered';
import type { BenchAdapter } from '../event-script';
import type { BenchPage } from '../bench-page';
import { openMainThreadMeter, type MainThreadMeter } from '../main-thread';

export const BURST_EVENTS = 1000;
/** Even the slowest contender delivers 1000 events in a few seconds here; past this, it is stuck. */
const DELIVERY_TIMEOUT_MS = 30_000;

export interface BurstSample {
  trackUsPerCall: number;
  taskMs: number;
  scriptMs: number;
  /** PutEvents attempts (accepted or refused) per 100 events. */
  requestsPer100: number;
  delivered: number;
}

type BenchWindow = Window & { bench: BenchAdapter };

async function runBurst(bench: BenchPage, meter: MainThreadMeter, first: number): Promise<BurstSample> {
  await bench.emulator.reset();
  const before = await meter.read();
  const loopMs = await bench.page.evaluate(
    ({ first, count }) =>
      // In a page task of its own, as a shop's click handler would run: script run directly by
      // DevTools' evaluate is not counted in Chrome's ScriptDuration.
      new Promise<number>((resolve) =>
        setTimeout(() => {
          const adapter = (window as unknown as BenchWindow).bench;
          const startedAt = performance.now();
          for (let index = first; index < first + count; index++) adapter.track(index);
          const elapsed = performance.now() - startedAt;
          void adapter.flush(); // "send what you hold", so no contender waits out its own timer
          resolve(elapsed);
        }, 0),
      ),
    { first, count: BURST_EVENTS },
  );
  const delivered = await waitForDelivered(bench.emulator, first, BURST_EVENTS, DELIVERY_TIMEOUT_MS);
  const after = await meter.read();
  const requests = (await bench.emulator.requests()).length;
  return {
    trackUsPerCall: (loopMs * 1000) / BURST_EVENTS,
    taskMs: after.taskMs - before.taskMs,
    scriptMs: after.scriptMs - before.scriptMs,
    requestsPer100: (requests * 100) / BURST_EVENTS,
    delivered,
  };
}

export interface BurstRun {
  samples: Map<string, BurstSample[]>;
  timeDomain: string;
}

/** `rounds` bursts per contender; round r starts at a rotated contender and uses event indexes r*1000... */
export async function runBursts(pages: BenchPage[], rounds: number, onRound?: (round: number) => void): Promise<BurstRun> {
  const meters = await Promise.all(pages.map((bench) => openMainThreadMeter(bench.context, bench.page)));
  const samples = new Map(pages.map((bench) => [bench.contender.name as string, [] as BurstSample[]]));
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < pages.length; turn++) {
      const slot = (round + turn) % pages.length;
      samples.get(pages[slot]!.contender.name)!.push(await runBurst(pages[slot]!, meters[slot]!, round * BURST_EVENTS));
    }
    onRound?.(round);
  }
  return { samples, timeDomain: meters[0]?.timeDomain ?? 'timeTicks' };
}
