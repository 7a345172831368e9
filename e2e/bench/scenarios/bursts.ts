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

type BurstWindow = Window & { bench: BenchAdapter; benchBurst?: { elapsed?: number; error?: string } };
/** How often the burst's outcome is looked for. */
const POLL_MS = 20;

async function runBurst(bench: BenchPage, meter: MainThreadMeter, first: number): Promise<BurstSample> {
  await bench.emulator.reset();
  const before = await meter.read();
  // The loop runs in a page task of its own, as a shop's click handler would: script run directly by
  // DevTools' evaluate is not counted in Chrome's ScriptDuration. Its time is read back by polling,
  // not by awaiting a page promise: Chromium at times collected that promise while a contender's
  // page was under memory pressure, and Playwright then failed with "Resulting promise was garbage
  // collected".
  await bench.page.evaluate(
    ({ first, count }) => {
      const page = window as unknown as BurstWindow;
      page.benchBurst = {};
      setTimeout(() => {
        try {
          const startedAt = performance.now();
          for (let index = first; index < first + count; index++) page.bench.track(index);
          const elapsed = performance.now() - startedAt;
          void page.bench.flush(); // "send what you hold", so no contender waits out its own timer
          page.benchBurst = { elapsed };
        } catch (error) {
          page.benchBurst = { error: String(error) };
        }
      }, 0);
    },
    { first, count: BURST_EVENTS },
  );
  const outcome = await bench.page.waitForFunction(() => {
    const burst = (window as unknown as BurstWindow).benchBurst;
    return burst?.elapsed !== undefined || burst?.error !== undefined ? burst : undefined;
  }, undefined, { polling: POLL_MS, timeout: DELIVERY_TIMEOUT_MS });
  const { elapsed, error } = (await outcome.jsonValue()) as { elapsed?: number; error?: string };
  if (error !== undefined) throw new Error(`${bench.contender.name}: a burst from event ${first} threw in the page: ${error}`);
  const loopMs = elapsed!;
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
