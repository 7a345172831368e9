// The bench serves a private copy of dist/ and e2e/build/bench/, taken right after building: the
// run lasts minutes, and a concurrent `npm run build` elsewhere deletes and rewrites both folders.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_BUILD_DIR } from './build';

/** The static server's URL layout: /dist/... and /e2e/build/bench/... under one root. */
const SERVED_FOLDERS = ['dist', BENCH_BUILD_DIR];

export interface SiteSnapshot {
  root: string;
  remove(): void;
}

export function snapshotSite(): SiteSnapshot {
  const root = mkdtempSync(join(tmpdir(), 'personalize-bench-'));
  for (const folder of SERVED_FOLDERS) {
    if (!existsSync(folder)) throw new Error(`${folder}/ is missing: run \`npm run build\` first (npm run bench does)`);
    cpSync(folder, join(root, folder), { recursive: true });
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
