// What a bench page talks to, whatever drives the browser: its own emulator, the relay contender's
// shop server, and (when proxied) the latency proxies in front of the site and the emulator. Used by
// the Chromium contexts (bench-page.ts) and the other engines' tabs (engine-bench-page.ts).
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../../src/emulator/ids';
import { startEmulator } from '../../src/emulator/server';
import { EmulatorClient } from '../harness/emulator-client';
import type { Contender } from './contenders';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy';
import { startRelaySite } from './relay-site';

export interface BenchServers {
  emulator: EmulatorClient;
  /** Where the page reaches the emulator (its proxy when proxied). */
  awsUrl: string;
  /** The page URL for this contender; `extra` adds query parameters (page.html's `auto`). */
  url(extra?: Record<string, string>): string;
  /** Sets the latency both proxies add to every request; needs `proxied`. */
  setLatency(latencyMs: number): void;
  close(): Promise<void>;
}

/** Starts the servers of one contender's page. `proxied` puts latency proxies (0 ms until set) in front of the site and the emulator. */
export async function startBenchServers(siteUrl: string, contender: Contender, proxied = false): Promise<BenchServers> {
  const server = await startEmulator({ port: 0 });
  // The relay contender's site is the shop's server, its relay in front of this page's emulator.
  const relaySite = contender.usesRelay ? await startRelaySite(siteUrl, server.url) : undefined;
  const origin = relaySite?.url ?? siteUrl;
  const proxies: LatencyProxy[] = proxied ? [await startLatencyProxy(origin), await startLatencyProxy(server.url)] : [];
  const site = proxies[0]?.url ?? origin;
  const awsUrl = proxies[1]?.url ?? server.url;
  return {
    emulator: new EmulatorClient(server.url),
    awsUrl,
    url: (extra) => pageUrl(site, contender, awsUrl, extra),
    setLatency(latencyMs) {
      if (latencyMs > 0 && proxies.length === 0) throw new Error('setLatency: latency needs servers started with proxied = true');
      for (const proxy of proxies) proxy.latencyMs = latencyMs;
    },
    async close() {
      for (const proxy of proxies) await proxy.close();
      await relaySite?.close();
      await server.close();
    },
  };
}

function pageUrl(siteUrl: string, contender: Contender, emulatorUrl: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    contender: contender.name,
    'tracking-id': DEMO_TRACKING_ID,
    'identity-pool-id': DEMO_IDENTITY_POOL_ID,
    region: DEMO_REGION,
    endpoint: emulatorUrl,
    ...extra,
  });
  return `${siteUrl}/e2e/build/bench/page.html?${params}`;
}
