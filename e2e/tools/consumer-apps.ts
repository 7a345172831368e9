// Minimal apps that use the npm package as a user's bundler sees it: the packed tarball installed
// into an app folder, built once with each of Vite, webpack 5 (its Node API) and esbuild
// --splitting. Each build has an index.html; the JS it references, with what that imports
// statically, is the initial chunk; every other JS file is loaded lazily. Used by e2e/consumer-apps.spec.ts and the size script (README figures).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import * as esbuild from 'esbuild';
import { build as viteBuild, version as viteVersion } from 'vite';
import webpack from 'webpack';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../../src/emulator/ids';
import { gzipBytes } from './gzip-bytes';

export const CONSUMER_ITEM_ID = 'consumer-app-item'; // what the app tracks once it has started

/** The app: the tracker configured for the emulator named in `?emulator=`, one tracked event. */
const MAIN_JS = `import { init, track } from 'personalize-tracker';
const endpoint = new URLSearchParams(location.search).get('emulator');
init({ trackingId: '${DEMO_TRACKING_ID}', identityPoolId: '${DEMO_IDENTITY_POOL_ID}', region: '${DEMO_REGION}', endpoint, cognitoEndpoint: endpoint });
track('View', { itemId: '${CONSUMER_ITEM_ID}' });
`;
const page = (script: string) => `<!doctype html><html><head><meta charset="utf-8"><title>consumer app</title></head><body>${script}</body></html>`;

export interface ConsumerBuild {
  bundler: string;
  /** Folder of the built app, with index.html. */
  outDir: string;
  /** JS files index.html loads, and those they import statically, relative to outDir. */
  initial: string[];
  /** Every other JS file (loaded lazily), relative to outDir. */
  lazy: string[];
  initialBytes: number;
  lazyBytes: number;
}

const BUILDERS: Record<string, (app: string, outDir: string) => Promise<void>> = {
  [`Vite ${viteVersion}`]: async (app, outDir) => {
    writeFileSync(join(app, 'index.html'), page('<script type="module" src="/src/main.js"></script>'));
    await viteBuild({ root: app, base: './', configFile: false, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  },
  [`webpack ${webpack.version}`]: async (app, outDir) => {
    const compiler = webpack({ mode: 'production', context: app, entry: './src/main.js', output: { path: outDir, filename: 'main.js' }, performance: false });
    const stats = await new Promise<webpack.Stats>((done, fail) => compiler.run((error, result) => (error ? fail(error) : done(result!))));
    await new Promise((done) => compiler.close(done));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    writeFileSync(join(outDir, 'index.html'), page('<script src="main.js"></script>'));
  },
  [`esbuild ${esbuild.version} --splitting`]: async (app, outDir) => {
    await esbuild.build({ absWorkingDir: app, entryPoints: ['src/main.js'], bundle: true, splitting: true, format: 'esm', minify: true, outdir: outDir, logLevel: 'silent' });
    writeFileSync(join(outDir, 'index.html'), page('<script type="module" src="main.js"></script>'));
  },
};

// A static `import ... from "./x.js"`, `import "./x.js"` or `export ... from "./x.js"` (not `import("./x.js")`).
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^();"'`]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

/** A string only relay mode's chunk holds (sender/relay-transport.ts's error message). */
const RELAY_CHUNK_MARKER = 'relay answered';

/** `files` and every file they import statically, transitively: what the browser fetches before the page's code runs. */
function withStaticImports(outDir: string, files: string[]): string[] {
  const found = new Set(files);
  for (const file of found) {
    for (const [, specifier] of readFileSync(join(outDir, file), 'utf8').matchAll(STATIC_IMPORT)) {
      found.add(posix.normalize(posix.join(dirname(file), specifier)));
    }
  }
  return [...found];
}

const jsFiles = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js')).map((file) => file.split('\\').join('/'));

/** Builds the app in `app` (the package installed there) with each bundler, one after another. */
export async function buildConsumerApps(app: string): Promise<ConsumerBuild[]> {
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'src/main.js'), MAIN_JS);
  const builds: ConsumerBuild[] = [];
  for (const [bundler, build] of Object.entries(BUILDERS)) {
    // Served from outDir's parent as /dist/ (the static server's folders).
    const outDir = join(app, 'out', bundler.split(' ')[0].toLowerCase(), 'dist');
    await build(app, outDir);
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const referenced = withStaticImports(outDir, [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((match) => match[1]));
    const files = jsFiles(outDir);
    const initial = files.filter((file) => referenced.includes(file));
    // A direct-mode app loads the sender; relay mode's chunk (no AWS SDK) is built too, but never fetched by this app.
    const isRelayChunk = (file: string) => readFileSync(join(outDir, file), 'utf8').includes(RELAY_CHUNK_MARKER);
    const lazy = files.filter((file) => !referenced.includes(file) && !isRelayChunk(file));
    const bytes = (list: string[]) => list.reduce((sum, file) => sum + gzipBytes(join(outDir, file)), 0);
    builds.push({ bundler, outDir, initial, lazy, initialBytes: bytes(initial), lazyBytes: bytes(lazy) });
  }
  return builds;
}
