// The three-engine suite: every scenario in Chromium, Firefox ESR and WebKitGTK, engine after
// engine. `npm run test:engines`; ENGINES=firefox,webkit and SCENARIOS=b,h narrow it down.
// Prints a line per scenario, one summary line per engine and a closing "N passed, N failed".
import { CORE_SCENARIOS } from './core-scenarios';
import type { EngineName } from './driver';
import { chosenEngines, LAUNCHERS } from './engines';
import { EXIT_SCENARIOS } from './exit-scenarios';
import { createScenarioContext, type Scenario } from './scenario-context';

const ALL_SCENARIOS = [...CORE_SCENARIOS, ...EXIT_SCENARIOS].sort((a, b) => a.id.localeCompare(b.id));

interface Outcome {
  engine: EngineName;
  scenario: string;
  passed: boolean;
}

function chosenScenarios(): Scenario[] {
  const ids = process.env.SCENARIOS?.split(',').map((id) => id.trim());
  return ids ? ALL_SCENARIOS.filter((scenario) => ids.includes(scenario.id)) : ALL_SCENARIOS;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`scenario timed out after ${timeoutMs} ms`)), timeoutMs)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function runEngine(name: EngineName, scenarios: Scenario[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let engine;
  try {
    engine = await LAUNCHERS[name]();
  } catch (error) {
    console.log(`✘ ${name}: could not start: ${(error as Error).message}`);
    return scenarios.map((scenario) => ({ engine: name, scenario: scenario.id, passed: false }));
  }
  console.log(`${name}: ${engine.version}`);
  try {
    for (const scenario of scenarios) {
      const started = Date.now();
      const context = await createScenarioContext(engine);
      let failure: unknown;
      try {
        await withTimeout(scenario.run(context), scenario.timeoutMs);
      } catch (error) {
        failure = error;
      } finally {
        await context.dispose();
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const notes = context.notes.length > 0 ? ` [${context.notes.join('; ')}]` : '';
      console.log(`  ${failure ? '✘' : '✔'} ${name} ${scenario.id}. ${scenario.title} (${seconds} s)${notes}`);
      if (failure) console.log(`      ${String((failure as Error).message ?? failure).split('\n').join('\n      ')}`);
      outcomes.push({ engine: name, scenario: scenario.id, passed: !failure });
    }
  } finally {
    await engine.close();
  }
  return outcomes;
}

const started = Date.now();
const scenarios = chosenScenarios();
const outcomes: Outcome[] = [];
for (const name of chosenEngines()) outcomes.push(...(await runEngine(name, scenarios)));
const perEngine = chosenEngines().map((name) => {
  const own = outcomes.filter((outcome) => outcome.engine === name);
  return `${name} ${own.filter((outcome) => outcome.passed).length}/${own.length}`;
});
const failed = outcomes.filter((outcome) => !outcome.passed);
console.log(`\nengines: ${perEngine.join(', ')}`);
if (failed.length > 0) console.log(`failed: ${failed.map((outcome) => `${outcome.engine} ${outcome.scenario}`).join(', ')}`);
console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(failed.length > 0 ? 1 : 0);
