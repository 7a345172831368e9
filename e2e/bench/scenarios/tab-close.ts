// The tab closes 100 ms after the last track() and the user never comes back: what did the
// service get? A fresh context (no earlier queue), a warm page, 25 events, close, then count.
import type { Browser } from '@playwright/test';
import { openBenchPage } from '../bench-page';
import type { Contender } from '../contenders';
import { countDelivered, sleep } from '../delivered';
import type { BenchAdapter } from '../event-script';

export const TAB_CLOSE_EVENTS = 25; // not a multiple of 10: the last batch can only leave on the page-close path
export const CLOSE_AFTER_MS = 100;
/** Time for requests started at close (keepalive or already in flight) to land. */
const SETTLE_MS = 3_000;

export interface TabCloseResult {
  delivered: number;
  tracked: number;
}

export async function runTabClose(browser: Browser, siteUrl: string, contender: Contender): Promise<TabCloseResult> {
  const bench = await openBenchPage(browser, siteUrl, contender);
  try {
    await bench.page.evaluate((count) => {
      const adapter = (window as unknown as { bench: BenchAdapter }).bench;
      for (let index = 0; index < count; index++) adapter.track(index);
    }, TAB_CLOSE_EVENTS);
    await sleep(CLOSE_AFTER_MS);
    await bench.page.close(); // fires visibilitychange/pagehide, no beforeunload; the context stays for no revisit
    await sleep(SETTLE_MS);
    return { delivered: await countDelivered(bench.emulator, 0, TAB_CLOSE_EVENTS), tracked: TAB_CLOSE_EVENTS };
  } finally {
    await bench.close();
  }
}
