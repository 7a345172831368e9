// One small interface over the three engines' drivers, so the same scenario code runs in each:
// Chromium (Playwright), Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKitGTK
// (W3C WebDriver, WebKitWebDriver). e2e/engines/README.md says why these drivers.

/** A tab of the engine's browser. */
export interface Tab {
  /** Loads `url` and waits for its load event. */
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page and resolves with its (awaited, JSON-serialisable) result. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** History back / forward; resolves once the driver reports the traversal started or finished. */
  back(): Promise<void>;
  forward(): Promise<void>;
  /** Closes the tab the way a shopper does (page lifecycle events run, no beforeunload prompt). */
  close(): Promise<void>;
}

/** A running engine. */
export interface Engine {
  /** `chromium`, `firefox` or `webkit`. */
  readonly name: EngineName;
  /** Browser name and version as the engine reports it. */
  readonly version: string;
  /**
   * How this driver takes the network away: `browser` (the page sees offline, and `online` when it
   * comes back), or undefined when the driver cannot (scenarios use the emulator's `down` then).
   */
  readonly offline?: 'browser';
  /** Opens a new tab on about:blank. */
  newTab(): Promise<Tab>;
  /** Network off or on for every tab; only where `offline` is set. */
  setOffline(offline: boolean): Promise<void>;
  /** Ends the browser and every process the driver started; safe to call twice. */
  close(): Promise<void>;
}

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/**
 * The source of an expression that calls `fn(arg)`. Functions are sent as source text; tsx/esbuild
 * may wrap named functions in `__name(...)`, a helper the page does not have, so it is defined here.
 */
export function callExpression(fn: (arg: never) => unknown, arg: unknown): string {
  return `((__name) => (${fn.toString()})(${JSON.stringify(arg ?? null)}))((target) => target)`;
}
