// Which engines a cross-engine run measures: `--engines` is Firefox and WebKit (Chromium has the full
// bench), `--engine NAME` (repeatable) picks any of the three drivers, Chromium included.
import type { EngineName } from '../engines/driver';

export const ENGINE_NAMES: EngineName[] = ['chromium', 'firefox', 'webkit'];
/** What `--engines` runs, and what a run must cover to rewrite the docs. */
export const CROSS_ENGINE_DEFAULT: EngineName[] = ['firefox', 'webkit'];

/** The engines to run, in the order given (none: the Chromium bench). Throws on an unknown name. */
export function chosenBenchEngines(engineFlags: string[] = [], allFlag = false): EngineName[] {
  const names = [...(allFlag ? CROSS_ENGINE_DEFAULT : []), ...engineFlags.flatMap((flag) => flag.split(',')).map((name) => name.trim())];
  for (const name of names) if (!ENGINE_NAMES.includes(name as EngineName)) throw new Error(`--engine: unknown engine "${name}" (known: ${ENGINE_NAMES.join(', ')})`);
  return [...new Set(names)] as EngineName[];
}

/** Whether a run of `names` is the whole cross-engine table, so that it may replace the documented one. */
export const coversCrossEngineTable = (names: EngineName[]) => CROSS_ENGINE_DEFAULT.every((name) => names.includes(name));
