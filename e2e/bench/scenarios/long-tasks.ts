// The longest main-thread task at 4× CPU (no added latency): a cold page that tracks 100 events as
// soon as its library is ready, then on the same, now warm, page a burst of 100 and one of 1000,
// each observed until every event arrived and the page went quiet. No flush(): each library's own
// timers and batching decide the work.
import type { Browser } from '@playwright/test';
import { openBenchContext, trackInOneTask, type BenchContext } from '../bench-page';
import type { Contender } from '../contenders';
import { sleep, waitForDelivered } from '../delivered';
import { clearLongTasks, readLongTasks, type LongTaskReport } from '../long-tasks';
import { DESKTOP } from '../profile';

export const LONG_TASK_CPU_RATE = 4;
export const COLD_EVENTS = 100;
export const WARM_BURSTS = [100, 1000];
const DELIVERY_TIMEOUT_MS = 60_000; // 1000 events at 4× CPU, one request per event for the snippet
/** After the last arrival, the time given to the tasks that handle the last answers. */
const SETTLE_MS = 700;

export interface LongTaskRun {
  cold: LongTaskReport;
  /** One report per WARM_BURSTS entry. */
  warm: LongTaskReport[];
}

export async function runLongTasks(browser: Browser, siteUrl: string, contender: Contender, warmBursts = WARM_BURSTS): Promise<LongTaskRun> {
  const bench = await openBenchContext(browser, siteUrl, contender, { observeLongTasks: true });
  try {
    await bench.applyProfile({ ...DESKTOP, cpuThrottlingRate: LONG_TASK_CPU_RATE });
    await bench.page.goto(bench.url({ auto: String(COLD_EVENTS) }));
    await settle(bench, 0, COLD_EVENTS);
    const cold = await readLongTasks(bench.page);
    const warm: LongTaskReport[] = [];
    let first = COLD_EVENTS;
    for (const count of warmBursts) {
      await clearLongTasks(bench.page);
      await trackInOneTask(bench.page, first, count);
      await settle(bench, first, count);
      warm.push(await readLongTasks(bench.page));
      first += count;
    }
    return { cold, warm };
  } finally {
    await bench.close();
  }
}

async function settle(bench: BenchContext, first: number, count: number): Promise<void> {
  const delivered = await waitForDelivered(bench.emulator, first, count, DELIVERY_TIMEOUT_MS);
  if (delivered < count) throw new Error(`${bench.contender.name}: ${delivered} of ${count} events arrived at 4× CPU`);
  await sleep(SETTLE_MS);
}
