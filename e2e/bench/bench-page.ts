// One contender's page in a fresh browser context with its own emulator, loaded, configured and
// warmed up (credentials fetched, lazy chunks loaded, one event delivered) before any measurement.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../emulator/ids';
import { startEmulator, type Emulator } from '../emulator/server';
import { EmulatorClient } from '../harness/emulator-client';
import { routeAwsToEmulator, type AwsRoute } from './aws-route';
import type { Contender } from './contenders';
import { sleep } from './delivered';
import { WARMUP_EVENT_TYPE, WARMUP_INDEX, type BenchAdapter } from './event-script';
import { recordScripts, type ScriptLog } from './script-bytes';

/** A cold page needs Cognito twice and the lazy chunk once; Amplify may hold an event for its 5 s tick. */
const WARMUP_TIMEOUT_MS = 15_000;
/** While warming, ask the contender to flush this often (Amplify buffers even a lone event). */
const WARMUP_FLUSH_EVERY_MS = 500;

type BenchWindow = Window & { bench: BenchAdapter; benchLoaded: Promise<unknown> };

export interface BenchPage {
  contender: Contender;
  context: BrowserContext;
  page: Page;
  emulator: EmulatorClient;
  /** Set for contenders whose AWS hosts are routed to the emulator. */
  awsRoute?: AwsRoute;
  scripts: ScriptLog;
  /** Script URLs the page had finished fetching when it made its first track() call. */
  fetchedBeforeFirstTrack: string[];
  /** console.warn / console.error lines the page printed (failed attempts show up here). */
  consoleProblems: string[];
  close(): Promise<void>;
}

function pageUrl(siteUrl: string, contender: Contender, emulatorUrl: string): string {
  const params = new URLSearchParams({
    contender: contender.name,
    'tracking-id': DEMO_TRACKING_ID,
    'identity-pool-id': DEMO_IDENTITY_POOL_ID,
    region: DEMO_REGION,
    endpoint: emulatorUrl,
  });
  return `${siteUrl}/e2e/build/bench/page.html?${params}`;
}

export async function openBenchPage(browser: Browser, siteUrl: string, contender: Contender): Promise<BenchPage> {
  const server: Emulator = await startEmulator({ port: 0 });
  const emulator = new EmulatorClient(server.url);
  const context = await browser.newContext();
  const awsRoute = contender.needsAwsRoute ? await routeAwsToEmulator(context, server.url) : undefined;
  const page = await context.newPage();
  const scripts = recordScripts(page);
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') consoleProblems.push(message.text().split('\n')[0]!);
  });
  page.on('pageerror', (error) => consoleProblems.push(`uncaught: ${error.message}`));
  const close = async () => {
    await context.close();
    await server.close();
  };
  try {
    await page.goto(pageUrl(siteUrl, contender, server.url));
    await page.evaluate(async () => {
      const w = window as unknown as BenchWindow;
      await w.benchLoaded;
      await w.bench.ready();
    });
    const fetchedBeforeFirstTrack = await page.evaluate((warmupIndex) => {
      const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
      (window as unknown as BenchWindow).bench.track(warmupIndex);
      return fetched;
    }, WARMUP_INDEX);
    await waitForWarmupEvent(page, emulator, contender);
    await emulator.reset(); // the warm-up must not count in any scenario (credentials survive a reset)
    return { contender, context, page, emulator, awsRoute, scripts, fetchedBeforeFirstTrack, consoleProblems, close };
  } catch (error) {
    await close();
    const problems = consoleProblems.length > 0 ? `\npage console: ${consoleProblems.slice(0, 5).join(' | ')}` : '';
    throw new Error(`${contender.name}: page setup failed: ${(error as Error).message}${problems}`);
  }
}

async function waitForWarmupEvent(page: Page, emulator: EmulatorClient, contender: Contender): Promise<void> {
  const deadline = Date.now() + WARMUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await page.evaluate(() => void (window as unknown as BenchWindow).bench.flush());
    await sleep(WARMUP_FLUSH_EVERY_MS);
    if ((await emulator.events()).some((event) => event.eventType === WARMUP_EVENT_TYPE)) return;
  }
  throw new Error(`${contender.name}: the warm-up event did not reach the emulator within ${WARMUP_TIMEOUT_MS} ms`);
}
