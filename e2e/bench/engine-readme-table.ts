// The cross-engine table is shown in docs/benchmarks.md and its summary in the README, both between
// markers and written by `npm run bench -- --engines` (e2e/node/readme.test.ts checks both copies).
import { renderEngineMarkdown, engineSummary } from './engine-markdown';
import type { EngineBenchResults } from './engine-results';
import { BENCH_DOC, benchSection, writeBetween } from './readme-table';

export const ENGINE_RESULTS_JSON = 'e2e/bench/results/engines-latest.json';
export const ENGINE_RESULTS_MD = 'e2e/bench/results/engines-latest.md';
export const ENGINE_BENCH_START = '<!-- bench-engines:start (copied from e2e/bench/results/engines-latest.md by `npm run bench -- --engines`) -->';
export const ENGINE_BENCH_END = '<!-- bench-engines:end -->';
export const ENGINE_SUMMARY_START = '<!-- bench-engines-summary:start (generated from e2e/bench/results/engines-latest.json by `npm run bench -- --engines`) -->';
export const ENGINE_SUMMARY_END = '<!-- bench-engines-summary:end -->';

export function writeEngineBenchDocs(results: EngineBenchResults): void {
  writeBetween(BENCH_DOC, ENGINE_BENCH_START, ENGINE_BENCH_END, benchSection(renderEngineMarkdown(results)));
  writeBetween('README.md', ENGINE_SUMMARY_START, ENGINE_SUMMARY_END, engineSummary(results));
}
