// Firefox ESR through puppeteer-core over WebDriver BiDi (Playwright 1.65's moz-firefox channel
// fails against ESR 153 on `emulation.setMediaFeaturesOverride`).
import puppeteer from 'puppeteer-core';
import { callExpression, type Engine, type Tab } from './driver';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const FIRST_KEEPALIVE_VERSION = 133; // Firefox ships fetch keepalive from 133 (https://bugzil.la/1342484)

/** Launches headless Firefox ESR; refuses a Firefox without fetch keepalive, which the exit path needs. */
export async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
  try {
    const version = await browser.version(); // e.g. "firefox/153.8.0"
    const major = Number(/(\d+)\./.exec(version)?.[1]);
    if (!(major >= FIRST_KEEPALIVE_VERSION)) throw new Error(`${version}: fetch keepalive needs Firefox ${FIRST_KEEPALIVE_VERSION} or later`);
    const pages = new Set<import('puppeteer-core').Page>();
    return {
      name: 'firefox',
      version: version.replace(/^firefox\//i, 'Firefox '),
      offline: 'browser',
      async newTab(): Promise<Tab> {
        const page = await browser.newPage();
        pages.add(page);
        return {
          goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
          evaluate: (fn, arg) => page.evaluate(callExpression(fn, arg)) as Promise<never>,
          // A bfcache restore fires no load event: start the traversal, the scenario waits for its outcome.
          back: async () => void page.goBack({ timeout: 10_000 }).catch(() => undefined),
          forward: async () => void page.goForward({ timeout: 10_000 }).catch(() => undefined),
          close: async () => {
            pages.delete(page);
            await page.close();
          },
        };
      },
      async setOffline(offline) {
        for (const page of pages) await page.setOfflineMode(offline);
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
