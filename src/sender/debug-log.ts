// The `debug` option's console log: each tracked event, batch and outcome.

export type DebugLog = (message: string, ...details: unknown[]) => void;

/** Logs through console.debug when `debug` is set; does nothing otherwise. */
export function createDebugLog(debug = false): DebugLog {
  return (message, ...details) => {
    if (debug) console.debug(`personalize-tracker: ${message}`, ...details);
  };
}
