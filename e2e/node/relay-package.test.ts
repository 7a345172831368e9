// The relay as users get it: packed, installed from the tarball with the AWS SDK beside it (its
// peer dependency, linked from this repository's install), imported as `personalize-tracker/relay`
// from plain Node, and run behind node:http against the emulator it imports from the package too.
// Needs `npm run build` first.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { installPackedPackage } from '../harness/packed-package';

const SCRIPT = `
import { createServer } from 'node:http';
import { startEmulator, DEMO_TRACKING_ID, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from 'personalize-tracker/emulator';
import { createRelay, toNodeListener, DEFAULT_MAX_BODY_BYTES } from 'personalize-tracker/relay';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const emulator = await startEmulator({ port: 0 });
const relay = createRelay({
  trackingId: DEMO_TRACKING_ID, region: 'us-east-1', endpoint: emulator.url,
  credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
  userId: (request) => (request.headers.get('cookie') === 'sid=42' ? 'customer-42' : undefined),
});
const server = createServer(toNodeListener(relay));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = 'http://127.0.0.1:' + server.address().port;
const response = await fetch(origin + '/relay', {
  method: 'POST',
  headers: { origin, 'content-type': 'application/json', cookie: 'sid=42' },
  body: JSON.stringify({ sessionId: 's-1', userId: 'forged', eventList: [
    { eventId: 'e-1', eventType: 'View', sentAt: 1719511760.5, itemId: 'sku-1' },
    { eventId: 'e-2', eventType: 'View', sentAt: 1719511760.5, itemId: '' },
  ] }),
});
const answer = await response.json();
const events = emulator.events().map(({ eventId, userId, sessionId, itemId }) => ({ eventId, userId, sessionId, itemId }));
console.log(JSON.stringify({ status: response.status, answer, events, limit: DEFAULT_MAX_BODY_BYTES }));
server.close();
await emulator.close();
`;

test('`import "personalize-tracker/relay"` relays a batch in plain Node, with the SDK the app installed', { timeout: 180_000 }, () => {
  assert.ok(existsSync('dist/relay/index.js'), 'dist/relay is missing: run `npm run build` first');
  const app = installPackedPackage(['@aws-sdk/client-personalize-events']);
  writeFileSync(join(app, 'relay.mjs'), SCRIPT);
  const stdout = execFileSync(process.execPath, ['relay.mjs'], { cwd: app, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const { status, answer, events, limit } = JSON.parse(stdout.trim().split('\n').pop()!);
  assert.equal(status, 200);
  assert.deepEqual(answer.accepted, ['e-1']);
  assert.equal(answer.refused[0].eventId, 'e-2');
  assert.match(answer.refused[0].reason, /itemId must be 1-256 characters/);
  assert.deepEqual(events, [{ eventId: 'e-1', userId: 'customer-42', sessionId: 's-1', itemId: 'sku-1' }]);
  assert.equal(limit, 65_536);
});
