// Load benchmark of personalize-tracker/relay: the same batches, at the same concurrency, sent
// through the relay (node:http client → node:http → createRelay() → PutEvents) and directly (the
// SDK, over the same node:http stack → PutEvents), both against the emulator on 127.0.0.1. It
// prints a markdown table and writes results/relay-latest.md and .json. `npx tsx e2e/bench/relay-load.ts` (`npm run bench:relay`).
import { startChild } from './relay/children';
import { directSender, relaySender, run, sentEventIds, type RunResult, type Send } from './relay/drive';
import { markdown, summarize, write, type LevelResult } from './relay/report';

/** Clients in flight, and requests per measured run at that level (more at higher levels, so each run lasts long enough to matter). */
const LEVELS = [
  { concurrency: 1, requests: 120 },
  { concurrency: 8, requests: 240 },
  { concurrency: 32, requests: 480 },
];
/** Measured rounds per level; each round is one relay run and one direct run, their order alternating. */
const ROUNDS = 3;
/** The whole load (warm-ups included) must end by then, or the bench fails rather than run on. */
const TIME_BUDGET_MS = 30_000;
/**
 * Requests per side before anything is measured, so both sides' code is optimised as in a server
 * that has been up a while: after 300, the first level still ran ~1 ms slower per request on
 * both sides than after 1,500 (V8 keeps tiering the SDK's and the relay's code up).
 */
const GLOBAL_WARM_UP = 1500;

type Cpu = { cpu: NodeJS.CpuUsage };

// The SDK's notice that it will need Node 22 is not a bench result; the children inherit this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const emulator = await startChild('./emulator-process.ts');
const relay = await startChild('./relay-process.ts', [emulator.url]);
const senders: Record<'relay' | 'direct', Send> = { relay: relaySender(relay.url), direct: directSender(emulator.url) };
const started = performance.now();

/** CPU ms (user + system) that `cpu` counted while `body` ran: the relay's process, or this one (the SDK client, going direct). */
async function cpuMs<T>(cpu: () => Promise<NodeJS.CpuUsage>, body: () => Promise<T>): Promise<[T, number]> {
  const before = await cpu();
  const result = await body();
  const after = await cpu();
  return [result, (after.user - before.user + after.system - before.system) / 1000];
}
const relayCpu = async () => (await relay.ask<Cpu>('cpu')).cpu;
const ownCpu = async () => process.cpuUsage();

await run(senders.relay, 8, GLOBAL_WARM_UP);
await run(senders.direct, 8, GLOBAL_WARM_UP);

const levels: LevelResult[] = [];
for (const { concurrency, requests } of LEVELS) {
  // Warm-up: connections opened, code paths compiled, at this level's concurrency.
  await run(senders.relay, concurrency, Math.max(concurrency * 4, 50));
  await run(senders.direct, concurrency, Math.max(concurrency * 4, 50));
  const relayRuns: RunResult[] = [];
  const directRuns: RunResult[] = [];
  let relayCpuMs = 0;
  let directCpuMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    if (performance.now() - started > TIME_BUDGET_MS) throw new Error(`over the ${TIME_BUDGET_MS} ms budget at ${concurrency} clients`);
    // ABBA: drift over the level (a busy neighbour, GC) hits both sides alike.
    for (const side of round % 2 === 0 ? (['relay', 'direct'] as const) : (['direct', 'relay'] as const)) {
      const [result, ms] = await cpuMs(side === 'relay' ? relayCpu : ownCpu, () => run(senders[side], concurrency, requests));
      if (side === 'relay') relayCpuMs += ms;
      else directCpuMs += ms;
      (side === 'relay' ? relayRuns : directRuns).push(result);
    }
  }
  levels.push(summarize(concurrency, relayRuns, directRuns, relayCpuMs, directCpuMs));
}
const seconds = (performance.now() - started) / 1000;

// Correctness: every eventId sent reached the emulator exactly once (none lost, none repeated).
const { eventIds } = await emulator.ask<{ eventIds: string[] }>('eventIds');
const counts = new Map<string, number>();
for (const id of eventIds) counts.set(id, (counts.get(id) ?? 0) + 1);
const missing = sentEventIds.filter((id) => !counts.has(id));
const repeated = [...counts].filter(([, n]) => n > 1);
const unknown = eventIds.filter((id) => !id.startsWith('bench-'));
relay.stop();
emulator.stop();
if (missing.length > 0 || repeated.length > 0 || unknown.length > 0 || eventIds.length !== sentEventIds.length) {
  console.error(`FAILED: sent ${sentEventIds.length} events, the emulator got ${eventIds.length}: ${missing.length} missing, ${repeated.length} repeated, ${unknown.length} unknown`);
  process.exit(1);
}

const text = markdown(levels, sentEventIds.length, seconds);
process.stdout.write(text);
write(levels, text, { plan: LEVELS, rounds: ROUNDS, totalEvents: sentEventIds.length, seconds });
