// A first visit on a phone: fresh context, mobile profile (150 ms per answer, 4× CPU) from the
// start, the page tracks one event as soon as its library is ready (page.html `?auto=1`). The
// figure is navigation start → the event's arrival at PutEvents, both on the Date.now() clock.
import type { Browser } from '@playwright/test';
import { openBenchContext } from '../bench-page';
import type { Contender } from '../contenders';
import { firstArrivals } from '../arrivals';
import { waitForDelivered } from '../delivered';
import { MOBILE } from '../profile';

/** Amplify sends a lone event on its 5 s tick; add the cold chain at 150 ms per answer. */
const DELIVERY_TIMEOUT_MS = 20_000;

type AutoWindow = Window & { benchAuto?: { trackedAt: number; navigationStart: number } };

/** Navigation start → first arrival at PutEvents, in ms. */
export async function runColdStart(browser: Browser, siteUrl: string, contender: Contender): Promise<number> {
  const bench = await openBenchContext(browser, siteUrl, contender, { proxied: true });
  try {
    await bench.applyProfile(MOBILE);
    await bench.page.goto(bench.url({ auto: '1' }));
    if ((await waitForDelivered(bench.emulator, 0, 1, DELIVERY_TIMEOUT_MS)) < 1) {
      throw new Error(`${contender.name}: the cold page's event did not arrive within ${DELIVERY_TIMEOUT_MS} ms`);
    }
    const arrivedAt = (await firstArrivals(bench.emulator)).get(0)!;
    const { navigationStart } = (await bench.page.evaluate(() => (window as unknown as AutoWindow).benchAuto))!;
    return Math.round(arrivedAt - navigationStart);
  } finally {
    await bench.close();
  }
}
