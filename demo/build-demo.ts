// The part of the build the demo needs (the npm entry, the script-tag files and the SPA, not the
// e2e pages), run through rollup's API with one progress line per bundle. Skipped when every
// output is newer than every source, so a second `npm start` starts at once.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

/** Files the demo pages load; if one is missing or older than a source, the demo is rebuilt. */
export const BUILT_FILES = ['dist/index.js', 'dist/personalize-tracker.js', 'dist/personalize-tracker-sender.js', 'demo/build/spa/main.js'];
const SOURCES = ['src', 'demo/spa', 'rollup.config.ts', 'package.json'];
const DEMO_OUTPUTS = /^(dist|demo\/build)\b/; // the e2e test pages are not needed to try the demo

const SOURCE_FILE = /\.(ts|json)$/; // what rollup reads; the pages' HTML, CSS and plain JS are served as they are

function newestChange(root: string, path: string): number {
  const full = join(root, path);
  const info = statSync(full);
  if (!info.isDirectory()) return SOURCE_FILE.test(path) ? info.mtimeMs : 0;
  return Math.max(0, ...readdirSync(full).map((name) => newestChange(root, join(path, name))));
}

/** Whether every built file exists and is newer than every source. */
export function buildIsFresh(root: string): boolean {
  if (!BUILT_FILES.every((file) => existsSync(join(root, file)))) return false;
  const built = Math.min(...BUILT_FILES.map((file) => statSync(join(root, file)).mtimeMs));
  return built > Math.max(...SOURCES.map((source) => newestChange(root, source)));
}

const outputPath = (output: OutputOptions) => output.file ?? output.dir ?? '';

/** Builds what the demo needs, printing `[n/total] output … seconds` as each bundle is written. */
export async function buildDemo(say: (line: string) => void): Promise<void> {
  // Imported here, not at the top: rollup.config.ts loads every plugin, which a --no-build start skips.
  const { default: configs } = (await import('../rollup.config')) as { default: RollupOptions[] };
  const wanted = configs.filter((config) => [config.output].flat().some((output) => output && DEMO_OUTPUTS.test(outputPath(output))));
  const started = Date.now();
  for (const [index, config] of wanted.entries()) {
    const outputs = [config.output].flat().filter((output): output is OutputOptions => Boolean(output));
    say(`  [${index + 1}/${wanted.length}] ${outputs.map(outputPath).join(', ')} …`);
    const bundleStarted = Date.now();
    const bundle = await rollup({ ...config, onwarn: () => {} }); // the full `npm run build` shows warnings
    try {
      for (const output of outputs) await bundle.write(output);
    } finally {
      await bundle.close();
    }
    say(`        done in ${((Date.now() - bundleStarted) / 1000).toFixed(1)} s`);
  }
  say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
