// Passes run one at a time. Flush requests that arrive while a pass waits to start share that pass,
// which then knows every trigger that asked for it.
import type { FlushResult } from '../types';

/** Returns `flush(trigger)`, which runs `pass` after the running one, once for all triggers gathered meanwhile. */
export function createPassQueue(pass: (triggers: Set<string>) => Promise<FlushResult>) {
  let passes: Promise<unknown> = Promise.resolve();
  let waitingPass: Promise<FlushResult> | undefined;
  let waitingTriggers = new Set<string>();
  return function flush(trigger: string): Promise<FlushResult> {
    waitingTriggers.add(trigger);
    if (!waitingPass) {
      waitingPass = passes.then(() => {
        const triggers = waitingTriggers;
        waitingTriggers = new Set();
        waitingPass = undefined;
        return pass(triggers);
      });
      passes = waitingPass.catch(() => undefined);
    }
    return waitingPass;
  };
}
