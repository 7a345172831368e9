// The three-engine suite: every scenario in Chromium, Firefox ESR and WebKitGTK, engine after
// engine. `npm run test:engines`; ENGINES=firefox,webkit and SCENARIOS=b,h narrow it down.
// Prints a line per scenario, one summary line per engine and a closing "N passed, N failed".
import { existsSync } from 'node:fs';
import { CLOCK_SCENARIOS } from './clock-scenarios';
import { CORE_SCENARIOS } from './core-scenarios';
import type { EngineName } from './driver';
import { chosenEngines, LAUNCHERS } from './engines';
import { EXIT_SCENARIOS } from './exit-scenarios';
import { RELAY_ONLY_SCENARIOS } from './relay-scenarios';
import { PASS_SCENARIOS } from './pass-scenarios';
import { SESSION_SCENARIOS } from './session-scenarios';
import { STORAGE_SCENARIOS } from './storage-scenarios';
import { createScenarioContext, Skipped, type Mode, type Scenario } from './scenario-context';

const TRACKER_FILE = 'dist/personalize-tracker.js'; // the scenarios load the built script-tag files
const DIRECT_SCENARIOS = [...CORE_SCENARIOS, ...EXIT_SCENARIOS, ...PASS_SCENARIOS, ...SESSION_SCENARIOS, ...STORAGE_SCENARIOS, ...CLOCK_SCENARIOS].sort((a, b) => a.id.localeCompare(b.id));
// The core scenarios again in relay mode (the page posts to the site's relay): normal path, tab
// close, navigation, revisit after an outage, two tabs, offline; relay-r is the relay itself down.
const RELAY_SCENARIO_IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
type ModeScenario = Scenario & { mode: Mode };
const ALL_SCENARIOS: ModeScenario[] = [
  ...DIRECT_SCENARIOS.map((scenario) => ({ ...scenario, mode: 'direct' as const })),
  ...DIRECT_SCENARIOS.filter((scenario) => RELAY_SCENARIO_IDS.includes(scenario.id)).map((scenario) => ({ ...scenario, id: `relay-${scenario.id}`, mode: 'relay' as const })),
  ...RELAY_ONLY_SCENARIOS.map((scenario) => ({ ...scenario, mode: 'relay' as const })),
];

interface Outcome {
  engine: EngineName;
  scenario: string;
  result: 'passed' | 'failed' | 'skipped';
}

function chosenScenarios(): ModeScenario[] {
  const ids = process.env.SCENARIOS?.split(',').map((id) => id.trim());
  return ids ? ALL_SCENARIOS.filter((scenario) => ids.includes(scenario.id)) : ALL_SCENARIOS;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`scenario timed out after ${timeoutMs} ms`)), timeoutMs)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function runEngine(name: EngineName, scenarios: ModeScenario[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let engine;
  try {
    engine = await LAUNCHERS[name]();
  } catch (error) {
    console.log(`✘ ${name}: could not start: ${(error as Error).message}`);
    return scenarios.map((scenario) => ({ engine: name, scenario: scenario.id, result: 'failed' }));
  }
  console.log(`${name}: ${engine.version}`);
  try {
    for (const scenario of scenarios) {
      const started = Date.now();
      const context = await createScenarioContext(engine, scenario.mode);
      let failure: unknown;
      let tabs: string[] = [];
      try {
        await withTimeout(scenario.run(context), scenario.timeoutMs);
      } catch (error) {
        failure = error;
        if (!(error instanceof Skipped)) tabs = await context.describeTabs();
      } finally {
        await context.dispose();
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const result = failure instanceof Skipped ? 'skipped' : failure ? 'failed' : 'passed';
      if (failure instanceof Skipped) context.note(`skipped: ${failure.message}`);
      const notes = context.notes.length > 0 ? ` [${context.notes.join('; ')}]` : '';
      console.log(`  ${{ passed: '✔', failed: '✘', skipped: '-' }[result]} ${name} ${scenario.id}. ${scenario.title} (${seconds} s)${notes}`);
      if (result === 'failed') {
        console.log(`      ${String((failure as Error).message ?? failure).split('\n').join('\n      ')}`);
        for (const line of tabs) console.log(`      open tab ${line}`);
      }
      outcomes.push({ engine: name, scenario: scenario.id, result });
    }
  } finally {
    await engine.close();
  }
  return outcomes;
}

// Ctrl-C or a CI timeout: exit normally, so every driver's 'exit' handler ends the processes it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

if (!existsSync(TRACKER_FILE)) {
  console.log(`engines: ${TRACKER_FILE} is missing: run \`npm run build\` first`);
  process.exit(1);
}
const started = Date.now();
const scenarios = chosenScenarios();
const outcomes: Outcome[] = [];
const engines = chosenEngines();
for (const name of engines) outcomes.push(...(await runEngine(name, scenarios)));
const count = (list: Outcome[], result: Outcome['result']) => list.filter((outcome) => outcome.result === result).length;
const perEngine = engines.map((name) => {
  const own = outcomes.filter((outcome) => outcome.engine === name);
  const skipped = count(own, 'skipped');
  return `${name} ${count(own, 'passed')}/${own.length - skipped}${skipped ? ` (${skipped} skipped)` : ''}`;
});
const failed = outcomes.filter((outcome) => outcome.result === 'failed');
const list = (result: Outcome['result']) => outcomes.filter((outcome) => outcome.result === result).map((outcome) => `${outcome.engine} ${outcome.scenario}`).join(', ');
console.log(`\nengines: ${perEngine.join(', ')}`);
if (failed.length > 0) console.log(`failed: ${list('failed')}`);
if (count(outcomes, 'skipped') > 0) console.log(`skipped: ${list('skipped')}`);
console.log(`${count(outcomes, 'passed')} passed, ${failed.length} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(failed.length > 0 ? 1 : 0);
