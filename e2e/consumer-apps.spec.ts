// Issue 10: npm users get the script tag's small sender, loaded in one request. A minimal app is
// built from the packed package with each of Vite, webpack 5 and esbuild --splitting (once, in
// beforeAll); each build's initial chunk and lazy chunk stay within budget, the browser fetches
// the lazy part in one request, and the app's event reaches the emulator.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { installPackedPackage } from './harness/packed-package';
import { expect, test } from './harness/fixtures';
import { startStaticServer } from './harness/static-server';
import { buildConsumerApps, CONSUMER_ITEM_ID, type ConsumerBuild } from './tools/consumer-apps';
import { BUDGETS, measureSizes, npmLazyBudget, npmSizeTable } from './tools/sizes';

const BUILD_TIMEOUT_MS = 180_000; // pack, install and three builds: about 10 s on an idle machine
const BUNDLERS = ['Vite', 'webpack', 'esbuild'];
let builds: ConsumerBuild[];

test.beforeAll(async () => {
  test.setTimeout(BUILD_TIMEOUT_MS);
  builds = await buildConsumerApps(installPackedPackage());
});

for (const name of BUNDLERS) {
  test(`${name}: the initial and lazy chunks are within budget, the lazy one is one request, and the event is delivered`, async ({ page, emulator, emulatorUrl }) => {
    const build = builds.find((candidate) => candidate.bundler.startsWith(name))!;
    expect(build.initial).toHaveLength(1);
    expect(build.lazy, 'the sender is one lazy chunk').toHaveLength(1);
    expect(build.initialBytes).toBeLessThanOrEqual(BUDGETS.npmInitial);
    expect(build.lazyBytes).toBeLessThanOrEqual(npmLazyBudget(measureSizes()));

    const site = await startStaticServer({ root: dirname(build.outDir) });
    try {
      const scripts: string[] = [];
      page.on('request', (request) => request.url().endsWith('.js') && scripts.push(new URL(request.url()).pathname.slice('/dist/'.length)));
      await page.goto(`${site.url}/dist/index.html?emulator=${encodeURIComponent(emulatorUrl)}`);
      const [event] = await emulator.waitForEvents(1);
      expect(event).toMatchObject({ eventType: 'View', itemId: CONSUMER_ITEM_ID });
      expect(scripts.sort()).toEqual([...build.initial, ...build.lazy].sort());
    } finally {
      await site.close();
    }
  });
}

test('the README quotes these npm sizes, as `npm run size -- --write` wrote them', () => {
  expect(readFileSync('README.md', 'utf8')).toContain(npmSizeTable(builds, measureSizes()));
});
