// The cross-engine results file (results/engines-latest.json) and the one comparison it exists for:
// in every engine, personalize-tracker's track() → arrival median beside the AWS SDK snippet's.
import type { EngineContenderResult, EngineResult } from './engine-phase';
import type { MachineInfo } from './machine';

/** The bar a tracker's median must clear in every engine: at most this much slower than the snippet's. */
export const MEDIAN_MARGIN_MS = 50;

export interface EngineBenchResults {
  run: {
    command: string;
    date: string;
    machine: MachineInfo;
    method: { pacedEvents: number; paceMs: number; latencyMs: number; smallBurstEvents: number; smallBurstRounds: number; coldRounds: number };
    durationSeconds: number;
  };
  engines: EngineResult[];
}

export interface MedianGap {
  /** The tracker's median minus the snippet's, desktop and with the added latency, in ms. */
  desktopMs: number;
  latencyMs: number;
  withinMargin: boolean;
}

function contender(engine: EngineResult, name: string): EngineContenderResult {
  const found = engine.contenders.find((result) => result.name === name);
  if (!found) throw new Error(`${engine.version}: no ${name} results`);
  return found;
}

/** personalize-tracker (script tag) against the SDK snippet in one engine. */
export function medianGap(engine: EngineResult): MedianGap {
  const tracker = contender(engine, 'tracker');
  const sdk = contender(engine, 'sdk');
  const desktopMs = tracker.desktop.medianMs - sdk.desktop.medianMs;
  const latencyMs = tracker.latency.medianMs - sdk.latency.medianMs;
  return { desktopMs, latencyMs, withinMargin: desktopMs <= MEDIAN_MARGIN_MS && latencyMs <= MEDIAN_MARGIN_MS };
}
