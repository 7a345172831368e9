// One contender's page in Firefox or WebKit (any engine of ../engines/driver.ts): its own servers,
// proxied, so the page's origin is new (no cache, no storage, no credentials from another page) and
// latency can be added. Only the latency: CPU throttling is CDP's, Chromium-only.
import type { Engine, Tab } from '../engines/driver';
import { loadBench, warmUp } from './bench-page';
import { startBenchServers, type BenchServers } from './bench-servers';
import type { Contender } from './contenders';
import type { MeasuredPage } from './page-handle';

export interface EngineBenchPage extends MeasuredPage {
  page: Tab;
  servers: BenchServers;
  close(): Promise<void>;
}

/** A new tab on nothing yet: for a cold page, load `servers.url({ auto: '1' })` in it. */
export async function openEngineTab(engine: Engine, siteUrl: string, contender: Contender): Promise<EngineBenchPage> {
  const servers = await startBenchServers(siteUrl, contender, true);
  const page = await engine.newTab().catch(async (error: unknown) => {
    await servers.close();
    throw error;
  });
  return {
    contender,
    page,
    servers,
    emulator: servers.emulator,
    async close() {
      await page.close().catch(() => undefined);
      await servers.close();
    },
  };
}

/** The contender's page loaded and warmed up (credentials, lazy chunks, one event delivered), the warm-up cleared. */
export async function openWarmEngineTab(engine: Engine, siteUrl: string, contender: Contender): Promise<EngineBenchPage> {
  const bench = await openEngineTab(engine, siteUrl, contender);
  try {
    await loadBench(bench.page, bench.servers.url());
    await warmUp(bench.page, bench.emulator, contender);
    await bench.emulator.reset(); // the warm-up must not count (credentials survive a reset)
    return bench;
  } catch (error) {
    await bench.close();
    throw new Error(`${engine.name} ${contender.name}: page setup failed: ${(error as Error).message}`);
  }
}
