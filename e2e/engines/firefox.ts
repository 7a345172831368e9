// Firefox ESR through puppeteer-core over WebDriver BiDi (Playwright 1.65's moz-firefox channel
// fails against ESR 153 on `emulation.setMediaFeaturesOverride`).
import puppeteer from 'puppeteer-core';
import { callExpression, type Engine, type Tab } from './driver';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const FIRST_KEEPALIVE_VERSION = 133; // Firefox ships fetch keepalive from 133 (https://bugzil.la/1342484)
const CLOSE_TIMEOUT_MS = 5_000;
// A tab closed through BiDi (browsingContext.close) drops what its pagehide handler sends: measured
// on ESR 153 with a bare page, a keepalive fetch or sendBeacon started at once arrived in about half
// of the closes, none started 10 ms in, and of seven started in a row none did. A close by the page
// itself (window.close()) runs pagehide before the tab goes: fetch(url, { keepalive }) arrived in 16
// of 16 closes, even 200 ms in. So tabs close that way; this pref lets a script close any window.
// (In both kinds of close, fetch(new Request(url, { keepalive })) never arrived, while navigating
// away delivers it: the AWS SDK's fetch handler calls fetch with a Request.)
const FIREFOX_PREFS = { 'dom.allow_scripts_to_close_windows': true };

/** Launches headless Firefox ESR; refuses a Firefox without fetch keepalive, which the exit path needs. */
export async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, extraPrefsFirefox: FIREFOX_PREFS });
  try {
    const version = await browser.version(); // e.g. "firefox/153.8.0"
    const major = Number(/(\d+)\./.exec(version)?.[1]);
    if (!(major >= FIRST_KEEPALIVE_VERSION)) throw new Error(`${version}: fetch keepalive needs Firefox ${FIRST_KEEPALIVE_VERSION} or later`);
    const pages = new Set<import('puppeteer-core').Page>();
    // puppeteer-core goes offline through BiDi's emulation.setNetworkConditions, which Firefox ESR 140
    // does not know (https://bugzil.la/1993079; ESR 153 does): there the scenarios take the emulator down instead.
    const probe = await browser.newPage();
    const canGoOffline = await probe.setOfflineMode(false).then(() => true, () => false);
    await probe.close();
    return {
      name: 'firefox',
      version: version.replace(/^firefox\//i, 'Firefox '),
      offline: canGoOffline ? 'browser' : undefined,
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
            const closed = new Promise<boolean>((done) => {
              page.once('close', () => done(true));
              setTimeout(() => done(false), CLOSE_TIMEOUT_MS);
            });
            await page.evaluate('void setTimeout(() => window.close())').catch(() => undefined);
            if (!(await closed)) await page.close();
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
