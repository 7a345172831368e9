// `npm start` (after its build): the demo script starts the emulator and the demo server, prints
// their URLs, serves the shop with a config pointing at that emulator, and stops on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

test('demo/start.ts prints the shop, SPA and emulator URLs and serves the shop against the emulator', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts', '--port', '0', '--emulator-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let output = '';
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URLs printed: ${output}`)), 20_000);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const shop = /Movie shop \(script tag\):\s+(\S+)/.exec(output)?.[1];
        const spa = /SPA \(npm\):\s+(\S+)/.exec(output)?.[1];
        const emulator = /AWS emulator:\s+(\S+)/.exec(output)?.[1];
        if (shop && spa && emulator) (clearTimeout(timer), resolve({ shop, spa, emulator }));
      });
    });
    const shop = await fetch(urls.shop);
    assert.equal(shop.status, 200);
    assert.match(await shop.text(), /personalize/);
    assert.equal((await fetch(urls.spa)).status, 200);
    const config = await (await fetch(new URL('/demo/build/config.js', urls.shop))).text();
    assert.ok(config.includes(urls.emulator), 'the pages are configured for the emulator that was started');
    assert.deepEqual(await (await fetch(`${urls.emulator}/__emulator/health`)).json(), { ok: true });
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});
