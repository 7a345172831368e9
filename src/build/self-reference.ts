// A rollup plugin for the demo build: the package, resolved as an installed copy would be.
import { resolve } from 'node:path';
import type { Plugin } from 'rollup';

/** Resolves `import 'personalize-tracker'` to the freshly built package, as an installed copy would. */
export function selfReference(): Plugin {
  return {
    name: 'self-reference',
    resolveId: (source) => (source === 'personalize-tracker' ? resolve('dist/index.js') : null),
  };
}
