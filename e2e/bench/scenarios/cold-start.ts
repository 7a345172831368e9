// A first visit on a phone: fresh context, mobile profile (150 ms per answer, 4× CPU) from the
// start, the page tracks one event as soon as its library is ready (page.html `?auto=1`). The
// figure is navigation start → the event's arrival at PutEvents, both on the Date.now() clock.
import type { Browser } from '@playwright/test';
import { openBenchContext } from '../bench-page';
import type { Contender } from '../contenders';
import { firstArrivals } from '../arrivals';
import { waitForDelivered } from '../delivered';
import type { MeasuredPage } from '../page-handle';
import { MOBILE } from '../profile';

/** Amplify sends a lone event on its 5 s tick; add the cold chain at 150 ms per answer. */
const DELIVERY_TIMEOUT_MS = 20_000;

type AutoWindow = Window & { benchAuto?: { trackedAt: number; navigationStart: number; timeOrigin: number } };

export interface ColdDelivery {
  /** Navigation start → first arrival at PutEvents. */
  firstDeliveryMs: number;
  /**
   * Navigation start as `Date.now() - performance.now()` minus `performance.timeOrigin`: the two
   * readings of one moment. `timeOrigin` may drift from the wall clock while a browser runs
   * (https://github.com/w3c/hr-time/issues/141), so the figure uses the first; a gap of more than a
   * few ms would mean the page's clocks disagree and the figure is off by as much.
   */
  timeOriginGapMs: number;
}

/** Navigation start → first arrival at PutEvents, in ms. */
export async function runColdStart(browser: Browser, siteUrl: string, contender: Contender): Promise<number> {
  const bench = await openBenchContext(browser, siteUrl, contender, { proxied: true });
  try {
    await bench.applyProfile(MOBILE);
    return (await coldFirstDelivery(bench, bench.url({ auto: '1' }))).firstDeliveryMs;
  } finally {
    await bench.close();
  }
}

/** Loads `autoUrl` (a page with `?auto=1`) in a page that has seen nothing of the site, and times its one event. */
export async function coldFirstDelivery(bench: MeasuredPage, autoUrl: string): Promise<ColdDelivery> {
  await bench.page.goto(autoUrl);
  if ((await waitForDelivered(bench.emulator, 0, 1, DELIVERY_TIMEOUT_MS)) < 1) {
    throw new Error(`${bench.contender.name}: the cold page's event did not arrive within ${DELIVERY_TIMEOUT_MS} ms`);
  }
  const arrivedAt = (await firstArrivals(bench.emulator)).get(0)!;
  const { navigationStart, timeOrigin } = (await bench.page.evaluate(() => (window as unknown as AutoWindow).benchAuto))!;
  return { firstDeliveryMs: Math.round(arrivedAt - navigationStart), timeOriginGapMs: Math.round(navigationStart - timeOrigin) };
}
