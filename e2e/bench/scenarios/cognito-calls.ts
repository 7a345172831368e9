// Cognito calls per visitor: one browser context (one visitor), 10 page views alternating between
// two tabs, each tracking one event and waiting until it arrived. Counts the GetId and
// GetCredentialsForIdentity requests the pages made (POSTs, by X-Amz-Target; preflights are not counted).
import type { Browser, Page } from '@playwright/test';
import { loadBench, openBenchContext, warmUp } from '../bench-page';
import type { Contender } from '../contenders';

export const PAGE_VIEWS = 10;
export const TABS = 2;

export interface CognitoCalls {
  getId: number;
  getCredentials: number;
  pageViews: number;
}

export async function runCognitoCalls(browser: Browser, siteUrl: string, contender: Contender): Promise<CognitoCalls> {
  const bench = await openBenchContext(browser, siteUrl, contender);
  try {
    const calls: CognitoCalls = { getId: 0, getCredentials: 0, pageViews: PAGE_VIEWS };
    bench.context.on('request', (request) => {
      if (request.method() !== 'POST') return;
      const target = request.headers()['x-amz-target'] ?? '';
      if (target.endsWith('.GetId')) calls.getId++;
      if (target.endsWith('.GetCredentialsForIdentity')) calls.getCredentials++;
    });
    const tabs: Page[] = [bench.page];
    while (tabs.length < TABS) tabs.push(await bench.context.newPage());
    for (let view = 0; view < PAGE_VIEWS; view++) {
      const tab = tabs[view % TABS]!;
      await loadBench(tab, bench.url());
      await warmUp(tab, bench.emulator, contender); // one event per page view, delivered before the next view
      await bench.emulator.reset();
    }
    return calls;
  } finally {
    await bench.close();
  }
}
