// Builds: the npm package (ESM; the loader imports its pre-built sender beside it dynamically),
// the script-tag files (a classic-script loader plus the sender as an ESM chunk beside it),
// the demo SPA (through the npm entry, as a user's bundler would) and the e2e test pages.
// Both senders come from one recipe (senderBuild), so npm users get the script tag's trims.
// `--configPackage` (npm's prepare) builds only the package's dist/.
import { resolve } from 'node:path';
import type { RollupOptions } from 'rollup';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { leaveOutOfSender } from './src/build/leave-out-of-sender';
import { plainEndpoints } from './src/build/plain-endpoints';
import { prebuiltSender } from './src/build/prebuilt-sender';
import { publicDeclarations } from './src/build/public-declarations';
import { selfReference } from './src/build/self-reference';

const PACKAGE_DEPENDENCIES = ['idb-keyval'];
/** The relay's optional peer dependency: the user's own copy, never bundled. */
const RELAY_PEER = '@aws-sdk/client-personalize-events';
const NPM_SENDER_FILE = 'dist/sender.js';
const SENDER_ENTRY = 'src/sender/sender.ts'; // the module the loader imports dynamically
const NPM_RELAY_SENDER_FILE = 'dist/relay-sender.js';
const RELAY_SENDER_ENTRY = 'src/sender/relay-sender.ts'; // relay mode's, imported the same way

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
    plugins: [
      prebuiltSender(resolve(SENDER_ENTRY), resolve(NPM_SENDER_FILE)),
      prebuiltSender(resolve(RELAY_SENDER_ENTRY), resolve(NPM_RELAY_SENDER_FILE)),
      compile(),
      publicDeclarations('src/index.ts'),
    ],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', paths: { [resolve(NPM_SENDER_FILE)]: './sender.js', [resolve(NPM_RELAY_SENDER_FILE)]: './relay-sender.js' } },
  },
  // The npm entry's senders: the same recipe as the script tag's, without declarative tracking.
  senderBuild(SENDER_ENTRY, NPM_SENDER_FILE),
  senderBuild(RELAY_SENDER_ENTRY, NPM_RELAY_SENDER_FILE),
  {
    // Script tag: a classic script that works with <script async>.
    input: 'src/script-tag.ts',
    plugins: [browserResolve(), compile()],
    output: { file: 'dist/personalize-tracker.js', format: 'iife', plugins: [minify()] },
  },
  // The sender chunk the script-tag loader imports from beside its own URL (with declarative tracking).
  senderBuild('src/script-tag-sender.ts', 'dist/personalize-tracker-sender.js'),
  // Relay mode's chunk for the script tag: no AWS SDK.
  senderBuild('src/script-tag-relay.ts', 'dist/personalize-tracker-relay.js'),

  {
    // The emulator for users' own tests (Node 20, no dependencies): the `personalize-tracker/emulator`
    // API with its declarations, and the `personalize-tracker-emulator` bin.
    input: { index: 'src/emulator/index.ts', cli: 'src/emulator/cli.ts' },
    external: (id) => id.startsWith('node:'),
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        include: ['*.ts'],
        compilerOptions: { noEmit: false, declaration: true, declarationDir: 'dist/emulator', rootDir: 'src/emulator', outDir: 'dist/emulator' },
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
    // The relay for the shop's server (`personalize-tracker/relay`): web-standard (no `node:`
    // imports), with its declarations; the AWS SDK stays the user's (an optional peer dependency).
    input: { index: 'src/relay/index.ts' },
    external: (id) => id === RELAY_PEER || id.startsWith(`${RELAY_PEER}/`),
    // Declarations laid out from src/, since the relay's public types include the wire types of src/shared/.
    plugins: [compile(), publicDeclarations('src/relay/index.ts', 'tsconfig.json', 'src')],
    output: { dir: 'dist', format: 'es', entryFileNames: 'relay/[name].js', chunkFileNames: 'relay/[name]-[hash].js' },
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
