// One contender's page in a fresh browser context with its own emulator, loaded, configured and
// warmed up (credentials fetched, lazy chunks loaded, one event delivered) before any measurement.
// Scenarios that need a device profile or a cold page use the pieces (openBenchContext, loadBench).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { EmulatorClient } from '../harness/emulator-client';
import { routeAwsToEmulator, type AwsRoute } from './aws-route';
import { startBenchServers } from './bench-servers';
import type { Contender } from './contenders';
import { sleep } from './delivered';
import { WARMUP_EVENT_TYPE, WARMUP_INDEX, type BenchAdapter } from './event-script';
import { installLongTaskObserver } from './long-tasks';
import type { PageHandle } from './page-handle';
import { throttleCpu, type Profile } from './profile';
import { recordScripts, type ScriptLog } from './script-bytes';

/** A cold page needs Cognito twice and the lazy chunk once; Amplify may hold an event for its 5 s tick. */
const WARMUP_TIMEOUT_MS = 15_000;
/** While warming, ask the contender to flush this often (Amplify buffers even a lone event). */
const WARMUP_FLUSH_EVERY_MS = 500;

type BenchWindow = Window & { bench: BenchAdapter; benchLoaded: Promise<unknown> };

export interface BenchContextOptions {
  /** Puts latency proxies in front of the site and the emulator, so applyProfile() can add latency. */
  proxied?: boolean;
  /** Records long tasks and long animation frames from the first script on (long-tasks.ts). */
  observeLongTasks?: boolean;
}

export interface BenchContext {
  contender: Contender;
  context: BrowserContext;
  page: Page;
  emulator: EmulatorClient;
  /** Set for contenders whose AWS hosts are routed to the emulator. */
  awsRoute?: AwsRoute;
  scripts: ScriptLog;
  /** console.warn / console.error lines the page printed (failed attempts show up here). */
  consoleProblems: string[];
  /** The page URL for this contender; `extra` adds query parameters (page.html's `auto`). */
  url(extra?: Record<string, string>): string;
  /** Sets the latency proxies (needs `proxied`) and the CPU throttling of the page. */
  applyProfile(profile: Profile): Promise<void>;
  close(): Promise<void>;
}

export interface BenchPage extends BenchContext {
  /** Script URLs the page had finished fetching when it made its first track() call. */
  fetchedBeforeFirstTrack: string[];
}

/** A fresh context with its own emulator and one blank page; nothing loaded yet. */
export async function openBenchContext(browser: Browser, siteUrl: string, contender: Contender, options: BenchContextOptions = {}): Promise<BenchContext> {
  const servers = await startBenchServers(siteUrl, contender, options.proxied);
  const context = await browser.newContext();
  if (options.observeLongTasks) await installLongTaskObserver(context);
  const awsRoute = contender.needsAwsRoute ? await routeAwsToEmulator(context, servers.awsUrl) : undefined;
  const page = await context.newPage();
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') consoleProblems.push(message.text().split('\n')[0]!);
  });
  page.on('pageerror', (error) => consoleProblems.push(`uncaught: ${error.message}`));
  return {
    contender,
    context,
    page,
    emulator: servers.emulator,
    awsRoute,
    scripts: recordScripts(page),
    consoleProblems,
    url: servers.url,
    async applyProfile(profile) {
      servers.setLatency(profile.latencyMs);
      await throttleCpu(context, page, profile.cpuThrottlingRate);
    },
    async close() {
      await context.close();
      await servers.close();
    },
  };
}

/** Navigates `page` to the contender's page and waits until its adapter is ready. */
export async function loadBench(page: PageHandle, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    const w = window as unknown as BenchWindow;
    await w.benchLoaded;
    await w.bench.ready();
  });
}

/** Tracks events first..first+count-1 in one page task of their own, as a shop's click handler would. */
export async function trackInOneTask(page: PageHandle, first: number, count: number): Promise<void> {
  await page.evaluate(
    ({ first, count }) =>
      new Promise<void>((done) =>
        setTimeout(() => {
          const adapter = (window as unknown as BenchWindow).bench;
          for (let index = first; index < first + count; index++) adapter.track(index);
          done();
        }, 0),
      ),
    { first, count },
  );
}

/** Tracks the warm-up event and waits until the emulator has it; returns the scripts fetched before it. */
export async function warmUp(page: PageHandle, emulator: EmulatorClient, contender: Contender): Promise<string[]> {
  const fetchedBeforeFirstTrack = await page.evaluate((warmupIndex) => {
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    (window as unknown as BenchWindow).bench.track(warmupIndex);
    return fetched;
  }, WARMUP_INDEX);
  await waitForWarmupEvent(page, emulator, contender);
  return fetchedBeforeFirstTrack;
}

export async function openBenchPage(browser: Browser, siteUrl: string, contender: Contender, options: BenchContextOptions = {}): Promise<BenchPage> {
  const bench = await openBenchContext(browser, siteUrl, contender, options);
  try {
    await loadBench(bench.page, bench.url());
    const fetchedBeforeFirstTrack = await warmUp(bench.page, bench.emulator, contender);
    await bench.emulator.reset(); // the warm-up must not count in any scenario (credentials survive a reset)
    return { ...bench, fetchedBeforeFirstTrack };
  } catch (error) {
    await bench.close();
    const problems = bench.consoleProblems.length > 0 ? `\npage console: ${bench.consoleProblems.slice(0, 5).join(' | ')}` : '';
    throw new Error(`${contender.name}: page setup failed: ${(error as Error).message}${problems}`);
  }
}

async function waitForWarmupEvent(page: PageHandle, emulator: EmulatorClient, contender: Contender): Promise<void> {
  const deadline = Date.now() + WARMUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await page.evaluate(() => void (window as unknown as BenchWindow).bench.flush());
    await sleep(WARMUP_FLUSH_EVERY_MS);
    if ((await emulator.events()).some((event) => event.eventType === WARMUP_EVENT_TYPE)) return;
  }
  throw new Error(`${contender.name}: the warm-up event did not reach the emulator within ${WARMUP_TIMEOUT_MS} ms`);
}
