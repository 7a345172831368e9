// Builds the bench pages into e2e/build/bench/ (served by the e2e static server): one minified
// IIFE per contender, bundled like e2e/pages/sdk-direct.ts, plus page.html. Kept out of
// rollup.config.ts so `npm run build`, which every test run does, never bundles Amplify.
import { copyFileSync, mkdirSync } from 'node:fs';
import { rollup, type RollupLog } from 'rollup';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

export const BENCH_BUILD_DIR = 'e2e/build/bench';
export const CONTENDER_NAMES = ['tracker', 'sdk', 'amplify', 'relay'] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

/** Warnings about files other than the bench's come from code being edited elsewhere: not ours to print. */
function onLog(level: string, log: RollupLog): void {
  const file = log.loc?.file ?? log.id ?? '';
  if (log.plugin === 'typescript' && file && !file.includes('e2e/bench/')) return;
  if (log.code === 'CIRCULAR_DEPENDENCY' || log.code === 'THIS_IS_UNDEFINED') return; // SDK/Amplify internals
  console.warn(`bench build ${level}: ${log.message}`);
}

async function buildContender(name: ContenderName): Promise<void> {
  const bundle = await rollup({
    input: `e2e/bench/contenders/${name}.ts`,
    onLog,
    plugins: [
      // The same settings as rollup.config.ts uses for the e2e pages.
      nodeResolve({ browser: true, exportConditions: ['browser', 'module', 'import', 'default'], preferBuiltins: false }),
      commonjs(),
      json(),
      typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, outDir: undefined } }),
    ],
  });
  await bundle.write({
    file: `${BENCH_BUILD_DIR}/${name}.js`,
    format: 'iife',
    inlineDynamicImports: true,
    plugins: [terser({ ecma: 2020, module: true, compress: { passes: 2 } })],
  });
  await bundle.close();
}

export async function buildBenchPages(): Promise<void> {
  mkdirSync(BENCH_BUILD_DIR, { recursive: true });
  copyFileSync('e2e/bench/page.html', `${BENCH_BUILD_DIR}/page.html`);
  // One at a time: on two cores parallel type-checking is no faster and needs more memory.
  for (const name of CONTENDER_NAMES) await buildContender(name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const startedAt = Date.now();
  await buildBenchPages();
  console.log(`bench pages built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}
