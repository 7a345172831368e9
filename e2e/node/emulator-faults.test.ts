// Scripted faults as the real SDK experiences them: throttling retried to success, 5xx errors,
// latency, a service that is down, poisoned items, and reset.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { DEMO_TRACKING_ID, control, eventsClient, raw, rejectsWith, validInput } from './emulator-helpers';

interface LoggedRequest {
  status: number;
  errorType?: string;
  message?: string;
  eventCount: number;
  eventIds: string[];
}

/** What GET /__emulator/faults answers after a reset of an emulator started without options. */
const CLEAR_FAULTS = { pending: [], latencyMs: 0, down: false, poisonItemIds: [], clockOffsetMs: 0, rateLimits: {}, credentialTtlSeconds: 3600 };

let emulator: Emulator;
let url: string;

before(async () => {
  emulator = await startEmulator({ port: 0 });
  url = emulator.url;
});
after(() => emulator.close());
beforeEach(() => control(url, 'reset', {}));

async function loggedRequests(): Promise<LoggedRequest[]> {
  return (await control<{ requests: LoggedRequest[] }>(url, 'requests')).requests;
}

describe('scripted faults', () => {
  test('two ThrottlingExceptions then success: the SDK retries and succeeds on the third attempt', async () => {
    const client = eventsClient(url, { maxAttempts: 3 });
    await client.config.credentials(); // fetch credentials first so only PutEvents attempts are timed
    assert.deepEqual(await control(url, 'faults', { fail: { count: 2, error: 'ThrottlingException' } }), { ok: true });
    const output = await client.send(new PutEventsCommand(validInput()));
    assert.equal(output.$metadata.httpStatusCode, 200);
    assert.equal(output.$metadata.attempts, 3);
    const requests = await loggedRequests();
    assert.deepEqual(requests.map((request) => [request.status, request.errorType]), [
      [400, 'ThrottlingException'], [400, 'ThrottlingException'], [200, undefined],
    ]);
    assert.ok(requests.every((request) => request.eventCount === 1 && request.eventIds[0] === 'event-1'));
    assert.equal((await control<{ events: unknown[] }>(url, 'events')).events.length, 1);
  });

  test('a scripted 503 ServiceUnavailable reaches the SDK; scripts queue in order', async () => {
    await control(url, 'faults', { fail: { count: 1, error: 'ServiceUnavailable' } });
    await control(url, 'faults', { fail: { count: 1, error: 'InternalFailure' } });
    await control(url, 'faults', { fail: { count: 1, error: 'KaputException', status: 502 } });
    const client = eventsClient(url);
    await rejectsWith(client.send(new PutEventsCommand(validInput())), { name: 'ServiceUnavailable', status: 503 });
    await rejectsWith(client.send(new PutEventsCommand(validInput())), { name: 'InternalFailure', status: 500 });
    await rejectsWith(client.send(new PutEventsCommand(validInput())), { name: 'KaputException', status: 502 });
    assert.equal((await client.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200);
  });

  test('a scripted fault answers before the signature check and carries retry-after when asked', async () => {
    await control(url, 'faults', { fail: { count: 1, error: 'ThrottlingException', retryAfterSeconds: 2 } });
    const response = await raw(`${url}/events`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'ThrottlingException');
    assert.equal(response.headers.get('retry-after'), '2');
    assert.equal(response.json.message, 'Rate exceeded');
    const unsigned = await raw(`${url}/events`, { method: 'POST', body: '{}' });
    assert.equal(unsigned.status, 403, 'the fault was used up');
  });

  test('latency delays PutEvents and Cognito answers', async () => {
    const client = eventsClient(url);
    await control(url, 'faults', { latencyMs: 300 });
    const started = performance.now();
    await client.send(new PutEventsCommand(validInput())); // includes GetId and GetCredentialsForIdentity
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 900, `three delayed answers took ${elapsed} ms`);
    assert.equal((await control<{ latencyMs: number }>(url, 'faults')).latencyMs, 300);
  });

  test('down: requests fail at the network level while the controls keep working', async () => {
    const client = eventsClient(url);
    await client.config.credentials();
    await control(url, 'faults', { down: true });
    await assert.rejects(client.send(new PutEventsCommand(validInput())), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.$metadata?.httpStatusCode, undefined, `no HTTP answer expected, got ${error.name}`);
      return true;
    });
    await assert.rejects(fetch(`${url}/events`, { method: 'OPTIONS' }), TypeError);
    assert.deepEqual(await control(url, 'health'), { ok: true });
    await control(url, 'faults', { down: false });
    assert.equal((await client.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200);
    assert.deepEqual((await loggedRequests()).map((request) => request.status), [200]);
  });

  test('a poisoned item id refuses the request, naming the event', async () => {
    await control(url, 'faults', { poisonItemIds: ['bad-1'] });
    const client = eventsClient(url);
    const eventList = ['a', 'b', 'c', 'd', 'bad-1'].map((itemId) => ({ eventType: 'view', sentAt: new Date(), itemId }));
    await rejectsWith(client.send(new PutEventsCommand(validInput({ eventList }))), {
      name: 'InvalidInputException', status: 400, message: 'eventList[4].itemId "bad-1" was rejected',
    });
    assert.equal((await client.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200);
    assert.equal((await control<{ events: unknown[] }>(url, 'events')).events.length, 1);
  });

  test('reset clears events, requests, calls, queued faults, latency, down, poison, clock, limits and TTL', async () => {
    const client = eventsClient(url);
    await client.send(new PutEventsCommand(validInput()));
    await control(url, 'faults', {
      fail: { count: 5, error: 'ServiceUnavailable' }, latencyMs: 5_000, down: true, poisonItemIds: ['item-1'],
      clockOffsetMs: 60_000, rateLimits: { GetId: 1 }, credentialTtlSeconds: 60,
    });
    assert.deepEqual(await control(url, 'reset', {}), { ok: true });
    assert.deepEqual(await control(url, 'faults'), CLEAR_FAULTS);
    assert.deepEqual(await control(url, 'events'), { events: [] });
    assert.deepEqual(await control(url, 'requests'), { requests: [] });
    assert.deepEqual(await control(url, 'calls'), { PutEvents: 0, PutActionInteractions: 0, GetId: 0, GetCredentialsForIdentity: 0 });
    assert.equal((await client.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200);
  });

  test('a malformed fault script is refused and changes nothing', async () => {
    const malformed = [
      { fail: { count: 0, error: 'ServiceUnavailable' } }, { fail: { count: 1, error: 'X', operation: 'Nope' } }, { latencyMs: -1 }, { down: 'yes' },
      { poisonItemIds: 'bad-1' }, { clockOffsetMs: 1.5 }, { rateLimits: { GetId: 0 } }, { rateLimits: { Nope: 1 } }, { credentialTtlSeconds: 0 },
      { credentialTtlSeconds: 43_201 }, { latencyMs: 5, down: 'yes' }, [1],
    ];
    for (const script of malformed) {
      const response = await raw(`${url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(script) });
      assert.equal(response.status, 400, JSON.stringify(script));
      assert.equal(response.json.ok, false);
    }
    assert.deepEqual(await control(url, 'faults'), CLEAR_FAULTS);
  });

  test('unknown control endpoints and wrong methods are refused', async () => {
    assert.equal((await raw(`${url}/__emulator/nothing`)).status, 404);
    assert.equal((await raw(`${url}/__emulator/reset`)).status, 405);
    assert.equal((await raw(`${url}/__emulator/events`, { method: 'POST', body: '{}' })).status, 405);
  });

  test('the tracking id must still be known while faults are scripted', async () => {
    await control(url, 'faults', { poisonItemIds: ['x'] });
    await rejectsWith(eventsClient(url).send(new PutEventsCommand(validInput({ trackingId: `${DEMO_TRACKING_ID}0` }))), { name: 'ResourceNotFoundException', status: 404 });
  });
});
