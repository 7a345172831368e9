// The two things the shared scenario code does with a page: load a URL and run a function in it.
// A Playwright Page has both, and so has every engine's Tab (../engines/driver.ts), so one
// scenario runs in Chromium's bench contexts and in Firefox's and WebKit's tabs alike.
import type { EmulatorClient } from '../harness/emulator-client';
import type { Contender } from './contenders';

export interface PageHandle {
  goto(url: string): Promise<unknown>;
  /** `fn` is sent as source text: no closures over Node values, only `arg`. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
}

/** A contender's page with its emulator: what the paced, burst and cold-start measurements need. */
export interface MeasuredPage {
  contender: Contender;
  page: PageHandle;
  emulator: EmulatorClient;
}
