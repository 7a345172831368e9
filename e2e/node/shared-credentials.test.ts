// Cognito credentials shared by the pages of an origin (src/sender/shared-credentials.ts), in Node
// against an in-memory Cognito behind a stubbed fetch: one GetId per browser, a refresh when less
// than five minutes remain, a refresh after PutEvents refused them (dropCredentials), and a new
// identity when Cognito forgot the stored one. A file of its own: the module keeps state per page.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { CREDENTIALS_KEY, dropCredentials, sharedCredentials } from '../../src/sender/shared-credentials';
import type { TrackerConfig } from '../../src/types';
import { closeWorld, installPage, startClock } from './harness/sender-world';

const config: TrackerConfig = { trackingId: 'tracking-1', identityPoolId: 'eu-west-1:pool', region: 'eu-west-1' };
const HOUR_MS = 60 * 60_000;

// Access keys stay unique across the file's tests: the module remembers refused ones (dropCredentials) for the page's life.
let issued = 0;

/** Cognito Identity's two calls over a set of identities; each credential lasts an hour. */
function fakeCognito() {
  const calls: string[] = [];
  const identities = new Set<string>();
  const answer = (body: object, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/x-amz-json-1.1' } });
  mock.method(globalThis, 'fetch', async (_url: string, init: RequestInit) => {
    const operation = String((init.headers as Record<string, string>)['x-amz-target']).split('.')[1];
    const input = JSON.parse(String(init.body));
    calls.push(operation);
    if (operation === 'GetId') {
      const id = `eu-west-1:identity-${identities.size + 1}`;
      identities.add(id);
      return answer({ IdentityId: id });
    }
    if (!identities.has(input.IdentityId)) return answer({ __type: 'ResourceNotFoundException', message: 'Identity not found' }, 400);
    issued++;
    return answer({ IdentityId: input.IdentityId, Credentials: { AccessKeyId: `AKIA${issued}`, SecretKey: 'secret', SessionToken: 'token', Expiration: (Date.now() + HOUR_MS) / 1000 } });
  });
  return { calls, identities };
}

let cognito: ReturnType<typeof fakeCognito>;
let page: ReturnType<typeof installPage>;

beforeEach(() => {
  startClock();
  page = installPage();
  cognito = fakeCognito();
});
afterEach(closeWorld);

// Each test starts with empty web storage, so with no identity: the module's own copy is used only where localStorage refuses writes.
test('the pages of a browser share one identity and one set of credentials', async () => {
  const first = await sharedCredentials(config);
  const second = await sharedCredentials(config);
  assert.deepEqual(cognito.calls, ['GetId', 'GetCredentialsForIdentity']);
  assert.equal(second.accessKeyId, first.accessKeyId);
  assert.equal(JSON.parse(page.local.getItem(CREDENTIALS_KEY)!).identityId, first.identityId, 'kept in localStorage for the other pages');
});

test('calls made together wait for one refresh', async () => {
  const [one, two] = await Promise.all([sharedCredentials(config), sharedCredentials(config)]);
  assert.deepEqual(cognito.calls, ['GetId', 'GetCredentialsForIdentity']);
  assert.equal(one.accessKeyId, two.accessKeyId);
});

test('credentials with less than five minutes left are refreshed, for the same identity', async () => {
  const stored = await sharedCredentials(config);
  cognito.calls.length = 0;
  mock.timers.tick(HOUR_MS - 5 * 60_000 - 1_000);
  assert.equal((await sharedCredentials(config)).accessKeyId, stored.accessKeyId, 'still fresh with more than five minutes left');
  assert.deepEqual(cognito.calls, []);
  mock.timers.tick(2_000);
  const refreshed = await sharedCredentials(config);
  assert.notEqual(refreshed.accessKeyId, stored.accessKeyId);
  assert.equal(refreshed.identityId, stored.identityId);
  assert.deepEqual(cognito.calls, ['GetCredentialsForIdentity'], 'no new GetId');
});

test('credentials PutEvents refused are dropped: the next call fetches new ones, keeping the identity', async () => {
  const refused = await sharedCredentials(config);
  cognito.calls.length = 0;
  dropCredentials(refused.accessKeyId);
  const renewed = await sharedCredentials(config);
  assert.notEqual(renewed.accessKeyId, refused.accessKeyId);
  assert.equal(renewed.identityId, refused.identityId);
  assert.deepEqual(cognito.calls, ['GetCredentialsForIdentity']);
  assert.equal((await sharedCredentials(config)).accessKeyId, renewed.accessKeyId, 'the new ones serve the next call');
});

test('an identity Cognito no longer knows gets a new GetId', async () => {
  page.local.setItem(CREDENTIALS_KEY, JSON.stringify({ identityPoolId: config.identityPoolId, identityId: 'eu-west-1:deleted' }));
  const credentials = await sharedCredentials(config);
  assert.deepEqual(cognito.calls, ['GetCredentialsForIdentity', 'GetId', 'GetCredentialsForIdentity']);
  assert.equal(credentials.identityId, 'eu-west-1:identity-1');
});
