// Builds: the npm package (ESM, dependencies external, sender split by a dynamic import),
// the script-tag files (a classic-script loader plus the sender as an ESM chunk beside it),
// the demo SPA (through the npm entry, as a user's bundler would) and the e2e test pages.
import { resolve } from 'node:path';
import type { Plugin, RollupOptions } from 'rollup';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const PACKAGE_DEPENDENCIES = ['idb-keyval', /^@aws-sdk\//, /^@smithy\//];

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

const browserResolve = () =>
  nodeResolve({ browser: true, exportConditions: ['browser', 'module', 'import', 'default'], preferBuiltins: false });

const compile = (declarations = false) =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: declarations
      ? { noEmit: false, declaration: true, declarationDir: 'dist', rootDir: 'src', outDir: 'dist' }
      : { noEmit: false, declaration: false, outDir: undefined },
  });

const minify = () => terser({ ecma: 2020, module: true, compress: { passes: 3 } });

const config: RollupOptions[] = [
  {
    // npm entry: bundlers split the sender into its own chunk through the dynamic import.
    input: { index: 'src/index.ts' },
    external: PACKAGE_DEPENDENCIES,
    plugins: [compile(true)],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  },
  {
    // Script tag: a classic script that works with <script async>.
    input: 'src/script-tag.ts',
    plugins: [browserResolve(), compile()],
    output: { file: 'dist/personalize-tracker.js', format: 'iife', plugins: [minify()] },
  },
  {
    // The sender chunk the script-tag loader imports from beside its own URL (with declarative tracking).
    input: 'src/script-tag-sender.ts',
    plugins: [leaveOutOfSender(), plainEndpoints(), browserResolve(), commonjs(), json(), compile()],
    output: { file: 'dist/personalize-tracker-sender.js', format: 'es', inlineDynamicImports: true, plugins: [minify()] },
  },
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

export default config;
