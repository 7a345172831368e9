// 30 s without network: 20 events tracked offline, then the network returns. What arrives within
// 15 s, without another track() or a reload? Chromium's offline switch does not reach requests
// that Playwright routes (Amplify's), so the route is switched off alongside it.
import type { Browser } from '@playwright/test';
import { openBenchPage } from '../bench-page';
import type { Contender } from '../contenders';
import { sleep, waitForDelivered } from '../delivered';
import type { BenchAdapter } from '../event-script';

export const OFFLINE_EVENTS = 20;
export const OFFLINE_MS = 30_000;
const BACK_ONLINE_WAIT_MS = 15_000;

export interface OfflineResult {
  delivered: number;
  tracked: number;
  /** Console warnings/errors while offline and after: how the contender reported the outage. */
  consoleProblems: number;
}

/** `onOffline` is called once the events were tracked offline: the runner uses the outage for other work. */
export async function runOffline(browser: Browser, siteUrl: string, contender: Contender, onOffline?: () => void): Promise<OfflineResult> {
  const bench = await openBenchPage(browser, siteUrl, contender);
  try {
    const problemsBefore = bench.consoleProblems.length;
    await bench.context.setOffline(true);
    if (bench.awsRoute) bench.awsRoute.offline = true;
    await bench.page.evaluate((count) => {
      const adapter = (window as unknown as { bench: BenchAdapter }).bench;
      for (let index = 0; index < count; index++) adapter.track(index);
    }, OFFLINE_EVENTS);
    onOffline?.();
    await sleep(OFFLINE_MS);
    if (bench.awsRoute) bench.awsRoute.offline = false;
    await bench.context.setOffline(false);
    const delivered = await waitForDelivered(bench.emulator, 0, OFFLINE_EVENTS, BACK_ONLINE_WAIT_MS);
    return { delivered, tracked: OFFLINE_EVENTS, consoleProblems: bench.consoleProblems.length - problemsBefore };
  } finally {
    await bench.close();
  }
}
