// The two device profiles: desktop (the machine as it is) and mobile (150 ms added to every answer
// the page waits for, and the main thread slowed 4× with CDP Emulation.setCPUThrottlingRate, the
// "mid-tier mobile" setting of Chrome DevTools and Lighthouse).
import type { BrowserContext, Page } from '@playwright/test';

export interface Profile {
  name: 'desktop' | 'mobile';
  /** Added by the latency proxies before every answer (site files, Cognito, PutEvents, preflights). */
  latencyMs: number;
  /** CDP Emulation.setCPUThrottlingRate: 1 is no throttling. */
  cpuThrottlingRate: number;
}

export const DESKTOP: Profile = { name: 'desktop', latencyMs: 0, cpuThrottlingRate: 1 };
export const MOBILE: Profile = { name: 'mobile', latencyMs: 150, cpuThrottlingRate: 4 };

/** Slows the page's main thread `rate` times (1 restores it); it holds across the page's navigations. */
export async function throttleCpu(context: BrowserContext, page: Page, rate: number): Promise<void> {
  const session = await context.newCDPSession(page);
  await session.send('Emulation.setCPUThrottlingRate', { rate });
}
