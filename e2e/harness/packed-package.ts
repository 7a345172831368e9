// The package as a user gets it: `npm pack` of the build `npm test` just made, installed with npm
// into an empty folder (its dependencies come from the local npm cache, as `npm ci` left it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPOSITORY = resolve('.');
/** npm without the network where the cache has what is asked (the tests run offline). */
export const OFFLINE_NPM_ENV = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

/** A new empty folder under the system's temp folder. */
export const temporaryFolder = (name: string) => mkdtempSync(join(tmpdir(), `personalize-tracker-${name}-`));

/** Runs npm in `cwd` and returns what it printed. */
export const npm = (cwd: string, args: string[]) => execFileSync('npm', args, { cwd, env: OFFLINE_NPM_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Packs `folder` (the repository by default) into `destination`; `buildFirst` runs its prepare script as `npm pack` does. */
export function packPackage(destination: string, { folder = REPOSITORY, buildFirst = false } = {}): { tarball: string; files: string[] } {
  const args = ['pack', '--json', '--pack-destination', destination, ...(buildFirst ? [] : ['--ignore-scripts'])];
  const [packed] = JSON.parse(npm(folder, args)) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path) };
}

/** An app folder (`"type": "module"`) with `spec` installed by npm; `devModules` are linked from this repository's node_modules. */
export function installInApp(spec: string, devModules: string[] = [], app = temporaryFolder('app')): string {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }));
  npm(app, ['install', '--no-save', spec]);
  for (const name of devModules) {
    const link = join(app, 'node_modules', name);
    mkdirSync(resolve(link, '..'), { recursive: true });
    symlinkSync(realpathSync(join(REPOSITORY, 'node_modules', name)), link);
  }
  return app;
}

/** Packs this repository's build and installs the tarball into a new app folder. */
export function installPackedPackage(devModules: string[] = []): string {
  const { tarball } = packPackage(temporaryFolder('pack'));
  return installInApp(tarball, devModules);
}
