// AWS's quotas as the emulator models them: per-second limits on GetId, GetCredentialsForIdentity
// and PutEvents (per tracking id) with the real error names, Cognito faults through the faults
// control, and the per-operation call counts tests assert on (issue 11, Build 7).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { startEmulator } from '../../src/emulator/server';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, cognito, control, eventsClient, handSign, memoryCache, raw, rejectsWith, staticCredentials, validInput, sharedEmulator } from './emulator-helpers';

const OTHER_TRACKING_ID = 'other-tracking-id';
/** Calls fired at once: even on a stalled machine, 10 calls do not spread over 10 seconds. */
const BURST = 10;

const shared = sharedEmulator({ trackingIds: [OTHER_TRACKING_ID] });

const getId = () => cognito(shared.url, 'GetId', { IdentityPoolId: DEMO_IDENTITY_POOL_ID });

describe('per-second rate limits', () => {
  test('GetId over its limit answers 429 TooManyRequestsException (awsJson1_1), and recovers', async () => {
    await control(shared.url, 'faults', { rateLimits: { GetId: 1 } });
    const answers = await Promise.all(Array.from({ length: BURST }, getId));
    const throttled = answers.filter((answer) => answer.status === 429);
    assert.ok(throttled.length >= 1, 'at least one call over the limit');
    assert.ok(answers.some((answer) => answer.status === 200));
    assert.deepEqual(throttled[0]!.json, { __type: 'TooManyRequestsException', message: 'Rate exceeded' });
    assert.equal(throttled[0]!.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
    assert.equal((await control<{ GetId: number }>(shared.url, 'calls')).GetId, BURST, 'refused calls are counted too');
    for (let answer = await getId(); answer.status !== 200; answer = await getId()) assert.equal(answer.status, 429);
  });

  test('GetCredentialsForIdentity has its own limit, and the SDK sees TooManyRequestsException', async () => {
    const { json } = await getId();
    await control(shared.url, 'faults', { rateLimits: { GetCredentialsForIdentity: 1 } });
    const answers = await Promise.all(Array.from({ length: BURST }, () => cognito(shared.url, 'GetCredentialsForIdentity', { IdentityId: json.IdentityId })));
    assert.ok(answers.some((answer) => answer.status === 429 && answer.json.__type === 'TooManyRequestsException'));
    assert.equal((await getId()).status, 200, 'GetId is not limited');
  });

  test('PutEvents over its limit answers 400 ThrottlingException, counted per tracking id', async () => {
    const credentials = await staticCredentials(shared.url);
    await control(shared.url, 'faults', { rateLimits: { PutEvents: 1 } });
    const send = async (trackingId: string) => {
      const body = JSON.stringify({ trackingId, sessionId: 's', eventList: [{ eventType: 'view', sentAt: 1719511760 }] });
      return raw(`${shared.url}/events`, { method: 'POST', body, headers: await handSign(shared.url, body, credentials) });
    };
    const answers = await Promise.all(Array.from({ length: BURST }, () => send(validInput().trackingId!)));
    const throttled = answers.filter((answer) => answer.status === 400);
    assert.ok(throttled.length >= 1);
    assert.equal(throttled[0]!.headers.get('x-amzn-errortype'), 'ThrottlingException');
    assert.deepEqual(throttled[0]!.json, { message: 'Rate exceeded' });
    assert.equal((await send(OTHER_TRACKING_ID)).status, 200, "another tracking id (dataset group) has its own quota");
  });

  test('limits given at start survive a reset, and a null lifts one', async () => {
    const limited = await startEmulator({ port: 0, rateLimits: { GetId: 25, PutEvents: 1000 } });
    try {
      await control(limited.url, 'faults', { rateLimits: { GetId: null } });
      assert.deepEqual((await control<{ rateLimits: unknown }>(limited.url, 'faults')).rateLimits, { PutEvents: 1000 });
      await control(limited.url, 'reset', {});
      assert.deepEqual((await control<{ rateLimits: unknown }>(limited.url, 'faults')).rateLimits, { GetId: 25, PutEvents: 1000 });
    } finally {
      await limited.close();
    }
  });
});

describe('Cognito faults and call counts', () => {
  const provider = (maxAttempts: number) =>
    fromCognitoIdentityPool({ identityPoolId: DEMO_IDENTITY_POOL_ID, clientConfig: { region: DEMO_REGION, endpoint: shared.url, maxAttempts }, cache: memoryCache() });

  test('a scripted TooManyRequestsException for GetId reaches the SDK as a 429; PutEvents is untouched', async () => {
    const client = eventsClient(shared.url);
    await client.config.credentials(); // this client's GetId happens before the fault
    await control(shared.url, 'faults', { fail: { count: 1, error: 'TooManyRequestsException', operation: 'GetId' } });
    assert.equal((await client.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200, 'a GetId fault does not answer PutEvents');
    await rejectsWith(provider(1)(), { name: 'TooManyRequestsException', status: 429 });
    assert.deepEqual((await control<{ pending: unknown[] }>(shared.url, 'faults')).pending, []);
  });

  test('"operation": "Cognito" faults either Cognito call with a 5xx; the SDK retries it to success', async () => {
    await control(shared.url, 'faults', { fail: { count: 2, error: 'InternalErrorException', operation: 'Cognito' } });
    const credentials = await provider(3)();
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.deepEqual(await control(shared.url, 'calls'), { PutEvents: 0, PutActionInteractions: 0, GetId: 3, GetCredentialsForIdentity: 1 });
  });

  test('one visitor sending twice costs 1 GetId, 1 GetCredentialsForIdentity and 2 PutEvents', async () => {
    const client = eventsClient(shared.url);
    await client.send(new PutEventsCommand(validInput()));
    await client.send(new PutEventsCommand(validInput()));
    assert.deepEqual(await control(shared.url, 'calls'), { PutEvents: 2, PutActionInteractions: 0, GetId: 1, GetCredentialsForIdentity: 1 });
  });
});
