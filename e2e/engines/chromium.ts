// Chromium through Playwright, with Debian's /usr/bin/chromium as the e2e suite uses it.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../harness/browser';
import { callExpression, type Engine, type Tab } from './driver';

/** Launches Chromium with the back/forward cache on (Playwright turns it off by default). */
export async function launchChromium(): Promise<Engine> {
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath(),
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    headless: true,
  });
  const context = await browser.newContext();
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    offline: 'browser',
    async newTab(): Promise<Tab> {
      const page = await context.newPage();
      return {
        goto: async (url) => void (await page.goto(url)),
        evaluate: (fn, arg) => page.evaluate(callExpression(fn, arg)),
        back: async () => void (await page.goBack({ waitUntil: 'commit' })),
        forward: async () => void (await page.goForward({ waitUntil: 'commit' })),
        close: () => page.close(),
      };
    },
    setOffline: (offline) => context.setOffline(offline),
    close: () => browser.close(),
  };
}
