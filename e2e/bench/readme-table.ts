// The README shows the latest bench table, copied here from results/latest.md between markers so
// that it is never typed by hand (e2e/node/readme.test.ts checks the copy).
import { readFileSync, writeFileSync } from 'node:fs';

export const BENCH_START = '<!-- bench:start (copied from e2e/bench/results/latest.md by `npm run bench`) -->';
export const BENCH_END = '<!-- bench:end -->';

/** The part of latest.md the README shows: everything after its title line. */
export const benchSection = (markdown: string) => markdown.slice(markdown.indexOf('\n') + 1).trim();

export function writeBenchToReadme(markdown: string, readmePath = 'README.md'): void {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(BENCH_START);
  const end = readme.indexOf(BENCH_END);
  if (start < 0 || end < start) throw new Error('README.md has no bench markers');
  writeFileSync(readmePath, `${readme.slice(0, start + BENCH_START.length)}\n${benchSection(markdown)}\n${readme.slice(end)}`);
}
