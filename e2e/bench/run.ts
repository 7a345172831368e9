// `npm run bench`: the Chromium bench (chromium-run.ts), or with `--engines` / `--engine NAME` the
// cross-engine run (engines-run.ts). They are separate runs because the Chromium bench alone takes
// about 6 minutes and the Firefox and WebKit pages, one at a time, about 5 more.
import { parseArgs } from 'node:util';
import { DEFAULT_ROUNDS, runChromiumBench } from './chromium-run';
import { chosenBenchEngines } from './engine-choice';
import { runEngineBench } from './engines-run';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, 'no-write': { type: 'boolean' }, engines: { type: 'boolean' }, engine: { type: 'string', multiple: true } },
});
const engines = chosenBenchEngines(values.engine, values.engines);
const write = !values['no-write'];
if (engines.length > 0) {
  await runEngineBench(engines, write);
} else {
  const rounds = Number(values.rounds ?? DEFAULT_ROUNDS);
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error(`--rounds must be a positive integer (got ${values.rounds})`);
  await runChromiumBench(rounds, write);
}
