// Passes run one at a time. Flush requests that arrive while a pass waits to start share that pass,
// which then knows every trigger that asked for it.
import type { FlushTrigger } from '../shared/contract';
import type { FlushResult } from '../types';

/** Returns `flush(trigger)`, which runs `pass` after the running one, once for all triggers gathered meanwhile. */
export function createPassQueue(pass: (triggers: Set<FlushTrigger>) => Promise<FlushResult>) {
  let passes: Promise<unknown> = Promise.resolve();
  let waitingPass: Promise<FlushResult> | undefined;
  let waitingTriggers = new Set<FlushTrigger>();
  return function flush(trigger: FlushTrigger): Promise<FlushResult> {
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
