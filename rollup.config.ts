// Builds: the npm package (ESM; the loader imports its pre-built sender beside it dynamically),
// the script-tag files (a classic-script loader plus the sender as an ESM chunk beside it),
// the demo SPA (through the npm entry, as a user's bundler would) and the e2e test pages.
// Both senders come from one recipe (senderBuild), so npm users get the script tag's trims.
// `--configPackage` (npm's prepare) builds only the package's dist/.
import { resolve } from 'node:path';
import type { Plugin, RollupOptions } from 'rollup';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { publicDeclarations } from './e2e/tools/public-declarations';

const PACKAGE_DEPENDENCIES = ['idb-keyval'];
const NPM_SENDER_FILE = 'dist/sender.js';

/** Resolves `import 'personalize-tracker'` to the freshly built package, as an installed copy would. */
function selfReference(): Plugin {
  return {
    name: 'self-reference',
    resolveId: (source) => (source === 'personalize-tracker' ? resolve('dist/index.js') : null),
  };
}

/**
 * Leaves out of the sender what this browser PutEvents sender never runs, each replaced by a stub
 * that fails loudly if it is ever reached:
 * - the SDK's event-stream codec: PutEvents has no streaming members (the SDK imports it lazily);
 * - the `bowser` user-agent parser: the browser user agent comes from navigator without it;
 * - the "adaptive" retry mode and its rate limiter: the tracker sends with maxAttempts 1 and retries itself;
 * - the Cognito provider's default identity-id cache: the tracker passes its own (identity-id-cache.ts);
 * - the WebCrypto SHA-256: the client signs with the SDK's pure-JS one (put-events-client.ts says why),
 *   which the WebCrypto class falls back to anyway, so it becomes an alias of that.
 */
const LEFT_OUT_IMPORTS = ['@smithy/core/event-streams', 'bowser'];
const LEFT_OUT_FILES = [
  /util-retry\/AdaptiveRetryStrategy\.js$/,
  /credential-provider-cognito-identity\/dist-es\/localStorage\.js$/,
];
const ALIASED_FILES: [RegExp, string][] = [[/checksum\/sha256\/Sha256WebCrypto\.js$/, `export { Sha256Js as Sha256WebCrypto } from './Sha256Js.js';`]];
function leaveOutOfSender(): Plugin {
  const stub = (what: string) => `const fail = () => { throw new Error(${JSON.stringify(`personalize-tracker: ${what} was left out of the sender`)}); };
export class EventStreamSerde { constructor() { fail(); } }
export class AdaptiveRetryStrategy { constructor() { fail(); } }
export const eventStreamSerdeProvider = fail;
export const localStorage = fail;
export default { parse: fail };`;
  return {
    name: 'leave-out-of-sender',
    resolveId: (source) => (LEFT_OUT_IMPORTS.includes(source) ? `\0left-out:${source}` : null),
    load(id) {
      if (id.startsWith('\0left-out:')) return stub(id.slice(10));
      const alias = ALIASED_FILES.find(([pattern]) => pattern.test(id));
      if (alias) return alias[1];
      const file = LEFT_OUT_FILES.find((pattern) => pattern.test(id));
      return file ? stub(id.slice(id.lastIndexOf('/') + 1)) : null;
    },
  };
}

/**
 * Replaces the SDK's endpoint rules engine (every partition, FIPS and dual-stack variant) with the
 * one rule a browser sender needs: the `endpoint` given, else `https://{service}.{region}.{suffix}`.
 */
const ENDPOINT_RESOLVERS: [RegExp, string][] = [
  [/client-personalize-events\/dist-es\/endpoint\/endpointResolver\.js$/, 'personalize-events'],
  [/nested-clients\/dist-es\/submodules\/cognito-identity\/endpoint\/endpointResolver\.js$/, 'cognito-identity'],
];
function plainEndpoints(): Plugin {
  return {
    name: 'plain-endpoints',
    load(id) {
      const service = ENDPOINT_RESOLVERS.find(([pattern]) => pattern.test(id))?.[1];
      if (!service) return null;
      return `export const defaultEndpointResolver = (params) => {
  if (params.UseFIPS || params.UseDualStack) throw new Error("personalize-tracker: FIPS and dual-stack endpoints were left out; pass endpoint instead");
  const suffix = params.Region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return { url: new URL(params.Endpoint ?? "https://${service}." + params.Region + "." + suffix) };
};`;
    },
  };
}

/**
 * The npm entry imports the pre-built sender beside it (`import('./sender.js')`) instead of the
 * sender's sources: a user's bundler then sees one self-contained lazy chunk with the SDK trimmed,
 * as the script tag's, rather than the SDK's hundreds of modules split its own way.
 */
function prebuiltSender(): Plugin {
  return {
    name: 'prebuilt-sender',
    resolveId: (source, importer) =>
      source === '../sender/sender' && importer?.endsWith('default-tracker.ts') ? { id: resolve(NPM_SENDER_FILE), external: true } : null,
  };
}

const browserResolve = () =>
  nodeResolve({ browser: true, exportConditions: ['browser', 'module', 'import', 'default'], preferBuiltins: false });

const compile = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, outDir: undefined } });

const minify = () => terser({ ecma: 2020, module: true, compress: { passes: 3 } });

/** A sender chunk: the AWS SDK and everything else bundled in, trimmed, minified, one file. */
const senderBuild = (input: string, file: string): RollupOptions => ({
  input,
  plugins: [leaveOutOfSender(), plainEndpoints(), browserResolve(), commonjs(), json(), compile()],
  output: { file, format: 'es', inlineDynamicImports: true, plugins: [minify()] },
});

const packageBuilds: RollupOptions[] = [
  {
    // npm entry: the loader, with its declarations; the sender is the separate file below.
    input: { index: 'src/index.ts' },
    external: PACKAGE_DEPENDENCIES,
    plugins: [prebuiltSender(), compile(), publicDeclarations('src/index.ts')],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', paths: { [resolve(NPM_SENDER_FILE)]: './sender.js' } },
  },
  // The npm entry's sender: the same recipe as the script tag's, without declarative tracking.
  senderBuild('src/sender/sender.ts', NPM_SENDER_FILE),
  {
    // Script tag: a classic script that works with <script async>.
    input: 'src/script-tag.ts',
    plugins: [browserResolve(), compile()],
    output: { file: 'dist/personalize-tracker.js', format: 'iife', plugins: [minify()] },
  },
  // The sender chunk the script-tag loader imports from beside its own URL (with declarative tracking).
  senderBuild('src/script-tag-sender.ts', 'dist/personalize-tracker-sender.js'),
  {
    // The emulator for users' own tests (Node 20, no dependencies): the `personalize-tracker/emulator`
    // API with its declarations, and the `personalize-tracker-emulator` bin.
    input: { index: 'e2e/emulator/index.ts', cli: 'e2e/emulator/cli.ts' },
    external: (id) => id.startsWith('node:'),
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        include: ['*.ts'],
        compilerOptions: { noEmit: false, declaration: true, declarationDir: 'dist/emulator', rootDir: 'e2e/emulator', outDir: 'dist/emulator' },
      }),
    ],
    output: {
      dir: 'dist/emulator',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    },
  },
];

const devBuilds: RollupOptions[] = [
  {
    // Demo SPA, bundled through the npm entry exactly as a user's app would be.
    input: 'demo/spa/main.ts',
    plugins: [selfReference(), browserResolve(), commonjs(), json(), compile()],
    output: { dir: 'demo/build/spa', format: 'es', chunkFileNames: '[name]-[hash].js', plugins: [minify()] },
  },
  {
    // E2E page: the AWS SDK called directly, without the tracker (proves the emulator's browser path).
    input: 'e2e/pages/sdk-direct.ts',
    plugins: [browserResolve(), commonjs(), json(), compile()],
    output: { file: 'e2e/build/sdk-direct.js', format: 'iife', inlineDynamicImports: true, plugins: [minify()] },
  },
];

// An array, not a function of rollup's arguments, since demo/build-demo.ts imports it too.
const packageOnly = process.argv.includes('--configPackage');
export default packageOnly ? packageBuilds : [...packageBuilds, ...devBuilds];
