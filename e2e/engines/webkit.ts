// WebKitGTK's MiniBrowser through WebKitWebDriver (Debian's webkit2gtk-driver), under Xvfb when no
// display is set. Closing a session's last window ends the session, so the first window stays open
// on about:blank and every tab is a new window of its own (a new MiniBrowser tab opens in the
// background, its page hidden, unlike a shopper's page).
import { spawn } from 'node:child_process';
import { callExpression, type Engine, type Tab } from './driver';
import { WebDriverSession } from './webdriver-client';
import { waitUntil } from './wait';
import { ensureDisplay } from './xvfb';
import { freePort } from '../harness/free-port';

const DRIVER_PATH = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const DRIVER_START_TIMEOUT_MS = 10_000;
const TRAVERSAL_TIMEOUT_MS = 10_000;

// WebDriver's execute/async passes a callback as the last argument; the result is wrapped so a
// rejection comes back as a value instead of a driver timeout.
const ASYNC_WRAPPER = `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => eval(arguments[0])).then(
  (value) => done({ value }),
  (error) => done({ error: String(error) + ' ' + ((error && error.stack) || '') }),
);`;

/** Starts WebKitWebDriver (and Xvfb if needed) and opens a MiniBrowser session. */
export async function launchWebKit(): Promise<Engine> {
  const display = await ensureDisplay();
  const port = await freePort();
  // Its own process group, so that the driver, MiniBrowser and WebKit's helper processes all end together.
  const driver = spawn(DRIVER_PATH, [`--port=${port}`], { stdio: 'ignore', detached: true, env: { ...process.env, DISPLAY: display.name } });
  let ended = false;
  const killDriver = () => {
    if (ended || driver.pid === undefined) return;
    ended = true;
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', killDriver); // a crashed run must not leave a browser behind
  const stopAll = () => {
    killDriver();
    display.stop();
    process.off('exit', killDriver);
  };
  try {
    const driverUrl = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${driverUrl}/status`)).ok, DRIVER_START_TIMEOUT_MS, 'WebKitWebDriver to listen');
    // MiniBrowser blocks window.open() without a user gesture, which no script of a WebDriver
    // session has; the session scenarios open a window that way, as Playwright and puppeteer allow.
    const session = await WebDriverSession.create(driverUrl, {
      'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation', '--javascript-can-open-windows-automatically=true'] },
      pageLoadStrategy: 'normal',
    });
    const firstWindow = await session.send<string>('GET', '/window');
    const { browserName, browserVersion } = session.capabilities as { browserName: string; browserVersion: string };
    return {
      name: 'webkit',
      version: `${browserName} ${browserVersion}`,
      async newTab(): Promise<Tab> {
        const { handle } = await session.inWindow(firstWindow, () => session.send<{ handle: string }>('POST', '/window/new', { type: 'window' }));
        const inTab = <T>(work: () => Promise<T>) => session.inWindow(handle, work);
        const traverse = (direction: 'back' | 'forward') =>
          // A bfcache restore may not report a finished load: bound the wait, the scenario checks the outcome.
          inTab(() => Promise.race([session.send('POST', `/${direction}`), new Promise((done) => setTimeout(done, TRAVERSAL_TIMEOUT_MS))])).then(() => undefined);
        return {
          goto: (url) => inTab(() => session.send('POST', '/url', { url })).then(() => undefined),
          async evaluate(fn, arg) {
            const result = await inTab(() => session.send<{ value?: never; error?: string }>('POST', '/execute/async', { script: ASYNC_WRAPPER, args: [callExpression(fn, arg)] }));
            if (result?.error) throw new Error(`in the page: ${result.error}`);
            return result?.value as never;
          },
          back: () => traverse('back'),
          forward: () => traverse('forward'),
          close: () =>
            inTab(async () => {
              await session.send('DELETE', '/window');
              session.windowClosed();
            }),
        };
      },
      setOffline: async () => {
        throw new Error('WebKitWebDriver cannot take the network away');
      },
      async close() {
        await session.delete().catch(() => undefined);
        stopAll();
      },
    };
  } catch (error) {
    stopAll();
    throw error;
  }
}
