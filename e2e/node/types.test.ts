// Issue 10: the shipped declarations resolve under moduleResolution bundler, node16 and nodenext.
// A consumer project compiles e2e/types/*.ts and the README's typed-events example against the
// packed package, installed as a user installs it; each @ts-expect-error must meet its error
// (tsc reports an unused one). attw checks the tarball as published. e2e/types/relay-types.ts
// compiles the relay's entry there too, with neither the AWS SDK nor @types/node installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { installInApp, packPackage, temporaryFolder } from '../harness/packed-package';

const TSC = resolve('node_modules/typescript/bin/tsc');
const ATTW = resolve('node_modules/@arethetypeswrong/cli/dist/index.js');
const RESOLUTIONS = { bundler: 'ESNext', node16: 'Node16', nodenext: 'NodeNext' } as const;
let tarball: string;
let app: string;

/** The README's "Typed events" example, with a @ts-expect-error above each line it says fails to compile. */
function readmeTypedEvents(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Typed events'));
  const example = /```ts\n([\s\S]*?)```/.exec(section)![1];
  const withExpectations = example.replace(/^(.*\/\/ compile error.*)$/gm, '// @ts-expect-error\n$1');
  assert.notEqual(withExpectations, example, 'the README example shows a compile error');
  return `${withExpectations}\ndeclare const config: import('personalize-tracker').TrackerConfig;\n`;
}

before(() => {
  tarball = packPackage(temporaryFolder('pack')).tarball;
  app = installInApp(tarball);
  mkdirSync(join(app, 'src'));
  for (const file of readdirSync('e2e/types')) copyFileSync(join('e2e/types', file), join(app, 'src', file));
  writeFileSync(join(app, 'src/readme-typed-events.ts'), readmeTypedEvents());
});

for (const [moduleResolution, module] of Object.entries(RESOLUTIONS)) {
  test(`a consumer compiles against the package under moduleResolution ${moduleResolution}`, () => {
    const compilerOptions = { module, moduleResolution, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], strict: true, noEmit: true, skipLibCheck: false };
    const project = join(app, `tsconfig.${moduleResolution}.json`);
    writeFileSync(project, JSON.stringify({ compilerOptions, include: ['src'] }));
    try {
      execFileSync(process.execPath, [TSC, '-p', project], { cwd: app, encoding: 'utf8' });
    } catch (error) {
      assert.fail(`tsc (${moduleResolution}):\n${(error as { stdout: string }).stdout}`);
    }
  });
}

test('attw finds no problems in the tarball (ESM-only profile: there is no require entry on purpose)', () => {
  try {
    execFileSync(process.execPath, [ATTW, tarball, '--profile', 'esm-only', '--format', 'ascii'], { encoding: 'utf8' });
  } catch (error) {
    assert.fail(`attw:\n${(error as { stdout: string }).stdout}`);
  }
});
