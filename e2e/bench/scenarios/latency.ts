// track() → arrival at PutEvents: one event every 700 ms on a warm page, as a shopper clicks, and
// how long each took to reach the emulator. Then a burst of 100 events in one task, without
// flush(): how many PutEvents requests a library makes of it on its own.
import { trackInOneTask } from '../bench-page';
import { firstArrivals } from '../arrivals';
import { waitForDelivered } from '../delivered';
import type { BenchAdapter } from '../event-script';
import type { MeasuredPage } from '../page-handle';
import { median, percentile, round } from '../stats';

export const PACED_EVENTS = 30;
export const PACE_MS = 700;
export const SMALL_BURST_EVENTS = 100;
/** Amplify holds events up to its 5 s flush tick; a mobile profile adds round trips. */
const DELIVERY_TIMEOUT_MS = 20_000;

export interface LatencyResult {
  medianMs: number;
  p95Ms: number;
  delivered: number;
  tracked: number;
}

type BenchWindow = Window & { bench: BenchAdapter };

/** The delays of one paced run: one per event that arrived, in ms. */
export interface PacedDelays {
  delaysMs: number[];
  delivered: number;
  tracked: number;
}

/** Tracks events first..first+29 every 700 ms (after `startDelayMs`), then waits for them at the emulator. */
export async function runPaced(bench: MeasuredPage, first: number, startDelayMs = 0): Promise<LatencyResult> {
  return latencyOf([await pacedDelays(bench, first, PACED_EVENTS, startDelayMs)]);
}

/** Median and p95 (nearest rank) over the delays of one or more paced runs. */
export function latencyOf(runs: PacedDelays[]): LatencyResult {
  const delays = runs.flatMap((run) => run.delaysMs);
  const sum = (key: 'delivered' | 'tracked') => runs.reduce((total, run) => total + run[key], 0);
  return { medianMs: round(median(delays), 0), p95Ms: round(percentile(delays, 95), 0), delivered: sum('delivered'), tracked: sum('tracked') };
}

/** Tracks events first..first+count-1 every 700 ms (after `startDelayMs`); each one's track() → first arrival. */
export async function pacedDelays(bench: MeasuredPage, first: number, count: number, startDelayMs = 0): Promise<PacedDelays> {
  await bench.emulator.reset();
  const trackedAt = await bench.page.evaluate(
    ({ first, count, paceMs, startDelayMs }) =>
      // No named inner functions here: tsx would wrap them in a helper the page does not have.
      new Promise<number[]>((done) => {
        const adapter = (window as unknown as BenchWindow).bench;
        const stamps: number[] = [];
        setTimeout(() => {
          const pacer = setInterval(() => {
            stamps.push(Date.now()); // the emulator's clock: Date.now() of the same machine
            adapter.track(first + stamps.length - 1);
            if (stamps.length < count) return;
            clearInterval(pacer);
            done(stamps);
          }, paceMs);
        }, startDelayMs);
      }),
    { first, count, paceMs: PACE_MS, startDelayMs },
  );
  const delivered = await waitForDelivered(bench.emulator, first, count, DELIVERY_TIMEOUT_MS);
  const arrivals = await firstArrivals(bench.emulator);
  const delaysMs = trackedAt.flatMap((at, i) => {
    const arrived = arrivals.get(first + i);
    return arrived === undefined ? [] : [arrived - at];
  });
  return { delaysMs, delivered, tracked: count };
}

/** 100 track() calls in one page task and no flush(): the PutEvents attempts until all arrived. */
export async function runSmallBurst(bench: MeasuredPage, first: number): Promise<number> {
  await bench.emulator.reset();
  await trackInOneTask(bench.page, first, SMALL_BURST_EVENTS);
  const delivered = await waitForDelivered(bench.emulator, first, SMALL_BURST_EVENTS, DELIVERY_TIMEOUT_MS);
  if (delivered < SMALL_BURST_EVENTS) throw new Error(`${bench.contender.name}: ${delivered} of ${SMALL_BURST_EVENTS} burst events arrived`);
  return (await bench.emulator.requests()).length;
}
