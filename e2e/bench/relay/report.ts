// The results: one row per concurrency level, medians over the measured rounds, as markdown and JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { median, percentile, round } from '../stats';
import { EVENTS_PER_REQUEST, type RunResult } from './drive';

export interface LevelResult {
  concurrency: number;
  requestsPerRun: number;
  rounds: number;
  relayRps: number;
  relayEventsPerSecond: number;
  directRps: number;
  relayP50: number;
  directP50: number;
  relayP99: number;
  directP99: number;
  addedP50: number;
  addedP99: number;
  /** CPU time (user + system) of the relay's process per request it served. */
  relayCpuMsPerRequest: number;
  /** CPU time of the bench's own process per direct request: what the SDK client alone costs, the relay's share of which is in the figure above. */
  directClientCpuMsPerRequest: number;
}

/** Medians over rounds; what the relay adds is the median of the per-round differences (each pair ran back to back). */
export function summarize(concurrency: number, relay: RunResult[], direct: RunResult[], relayCpuMs: number, directCpuMs: number): LevelResult {
  const p = (runs: RunResult[], q: number) => runs.map((r) => percentile(r.latenciesMs, q));
  const rps = (runs: RunResult[]) => median(runs.map((r) => (r.latenciesMs.length / r.wallMs) * 1000));
  const added = (q: number) => median(p(relay, q).map((value, i) => value - p(direct, q)[i]!));
  const requests = relay.reduce((sum, r) => sum + r.latenciesMs.length, 0);
  return {
    concurrency,
    requestsPerRun: relay[0]!.latenciesMs.length,
    rounds: relay.length,
    relayRps: round(rps(relay), 0),
    relayEventsPerSecond: round(rps(relay) * EVENTS_PER_REQUEST, 0),
    directRps: round(rps(direct), 0),
    relayP50: round(median(p(relay, 50)), 2),
    directP50: round(median(p(direct, 50)), 2),
    relayP99: round(median(p(relay, 99)), 2),
    directP99: round(median(p(direct, 99)), 2),
    addedP50: round(added(50), 2),
    addedP99: round(added(99), 2),
    relayCpuMsPerRequest: round(relayCpuMs / requests, 3),
    directClientCpuMsPerRequest: round(directCpuMs / direct.reduce((sum, r) => sum + r.latenciesMs.length, 0), 3),
  };
}

export function machine(): { node: string; cpus: number; cpuModel: string } {
  return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown' };
}

export function markdown(levels: LevelResult[], totalEvents: number, seconds: number): string {
  const { node, cpus: count, cpuModel } = machine();
  const lines = [
    `Node ${node}, ${count} CPUs (${cpuModel}); emulator, relay and load generator in three processes on 127.0.0.1. ` +
      'Both arms send with node:http and a keep-alive Agent (the SDK\'s own stack), so they differ only by the relay\'s hop. ' +
      `${totalEvents} events sent in ${seconds.toFixed(1)} s, each received exactly once.`,
    '',
    '| clients | relay req/s | relay events/s | direct req/s | p50 relay / direct (ms) | p99 relay / direct (ms) | relay adds p50 | relay adds p99 | relay process CPU per request | SDK client CPU per direct request |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...levels.map(
      (l) =>
        `| ${l.concurrency} | ${l.relayRps} | ${l.relayEventsPerSecond} | ${l.directRps} | ${l.relayP50} / ${l.directP50} | ${l.relayP99} / ${l.directP99} | ` +
        `${l.addedP50} ms | ${l.addedP99} ms | ${l.relayCpuMsPerRequest} ms | ${l.directClientCpuMsPerRequest} ms |`,
    ),
    '',
    `Medians of ${levels[0]?.rounds} alternating rounds per level (after a warm-up of each). One core's limit for the relay process ≈ ` +
      `1000 / (CPU ms per request) = ${levels.map((l) => `${Math.round(1000 / l.relayCpuMsPerRequest)} req/s at ${l.concurrency}`).join(', ')}.`,
  ];
  return `${lines.join('\n')}\n`;
}

export function write(levels: LevelResult[], text: string, extra: Record<string, unknown>): void {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('relay-latest.md', dir), text);
  const json = { run: { command: 'npm run bench:relay', date: new Date().toISOString(), machine: machine(), ...extra }, levels };
  writeFileSync(new URL('relay-latest.json', dir), `${JSON.stringify(json, null, 2)}\n`);
}
