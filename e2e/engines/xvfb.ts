// A virtual X display for engines without a headless mode (WebKitGTK's MiniBrowser).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { waitUntil } from './wait';

const FIRST_DISPLAY = 99;
const LAST_DISPLAY = 199;
const START_TIMEOUT_MS = 10_000;

export interface Display {
  /** The DISPLAY value, e.g. `:99`. */
  name: string;
  /** Stops the X server if this process started it. */
  stop(): void;
}

/** The current DISPLAY if one is set, otherwise an Xvfb of our own on the first free display number. */
export async function ensureDisplay(): Promise<Display> {
  if (process.env.DISPLAY) return { name: process.env.DISPLAY, stop: () => {} };
  for (let number = FIRST_DISPLAY; number <= LAST_DISPLAY; number++) {
    if (existsSync(`/tmp/.X${number}-lock`) || existsSync(`/tmp/.X11-unix/X${number}`)) continue;
    const server: ChildProcess = spawn('Xvfb', [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    let exited = false;
    server.once('exit', () => (exited = true));
    server.once('error', () => (exited = true));
    const ready = await waitUntil(() => exited || existsSync(`/tmp/.X11-unix/X${number}`), START_TIMEOUT_MS).catch(() => false);
    if (ready && !exited) {
      const stop = () => void server.kill();
      process.once('exit', stop); // a crashed run must not leave the X server behind
      return {
        name: `:${number}`,
        stop() {
          process.off('exit', stop);
          stop();
        },
      };
    }
    server.kill();
  }
  throw new Error(`no free X display between :${FIRST_DISPLAY} and :${LAST_DISPLAY}, or Xvfb is missing (apt-get install xvfb)`);
}
