// `npm run bench -- --engines` (run.ts): the tracker, the SDK snippet and the relay in Firefox ESR and
// WebKitGTK, engine after engine (engine-phase.ts). Prints the table and writes
// results/engines-latest.{json,md}, the table into docs/benchmarks.md and its summary into the README.
import { writeFileSync } from 'node:fs';
import type { EngineName } from '../engines/driver';
import { startStaticServer } from '../harness/static-server';
import { buildBenchPages } from './build';
import { coversCrossEngineTable } from './engine-choice';
import { renderEngineMarkdown } from './engine-markdown';
import { ENGINE_LATENCY_MS, runEnginePhase, type EngineResult } from './engine-phase';
import { ENGINE_RESULTS_JSON, ENGINE_RESULTS_MD, writeEngineBenchDocs } from './engine-readme-table';
import type { EngineBenchResults } from './engine-results';
import { machineInfo } from './machine';
import { COLD_ROUNDS, SMALL_BURST_ROUNDS } from './real-time-phases';
import { PACE_MS, PACED_EVENTS, SMALL_BURST_EVENTS } from './scenarios/latency';
import { snapshotSite } from './site-snapshot';

export const ENGINES_COMMAND = 'npm run bench -- --engines';

/** Measures `names` one after the other; `write` updates the results files and docs (only for a run of the whole table). */
export async function runEngineBench(names: EngineName[], write: boolean): Promise<void> {
  const startedAt = Date.now();
  const log = (message: string) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}`);
  await buildBenchPages();
  const snapshot = snapshotSite();
  const site = await startStaticServer({ root: snapshot.root, port: 0 });
  const engines: EngineResult[] = [];
  try {
    for (const name of names) engines.push(await runEnginePhase(name, site.url, log));
  } finally {
    await site.close();
    snapshot.remove();
  }
  const results: EngineBenchResults = {
    run: {
      command: coversCrossEngineTable(names) && names.length === 2 ? ENGINES_COMMAND : `npm run bench -- ${names.map((name) => `--engine ${name}`).join(' ')}`,
      date: new Date(startedAt).toISOString(),
      machine: machineInfo(),
      method: { pacedEvents: PACED_EVENTS, paceMs: PACE_MS, latencyMs: ENGINE_LATENCY_MS, smallBurstEvents: SMALL_BURST_EVENTS, smallBurstRounds: SMALL_BURST_ROUNDS, coldRounds: COLD_ROUNDS },
      durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    },
    engines,
  };
  const markdown = renderEngineMarkdown(results);
  console.log(`\n${markdown}`);
  if (!write) return;
  if (!coversCrossEngineTable(names)) {
    log('not written: the documented table has Firefox and WebKit (npm run bench -- --engines)');
    return;
  }
  writeFileSync(ENGINE_RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(ENGINE_RESULTS_MD, markdown);
  writeEngineBenchDocs(results);
  log(`wrote ${ENGINE_RESULTS_JSON} and ${ENGINE_RESULTS_MD}, the table into docs/benchmarks.md and its summary into README.md`);
}
