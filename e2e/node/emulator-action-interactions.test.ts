// PutActionInteractions (POST /action-interactions) against the emulator with the real SDK and
// signature checks on: what is accepted arrives with its fields, apart from the events; requests
// are logged with their operation; signatures, credentials, tracking ids, rate limits, scripted
// faults and the outputs (SSE, log file) behave as for PutEvents.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PutActionInteractionsCommand, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { startEmulator } from '../../src/emulator/server';
import {
  DEMO_TRACKING_ID, control, eventsClient, handSign, raw, rejectsWith, sendTampered, sharedEmulator, staticCredentials, validActionInput, validInput,
} from './emulator-helpers';

const OTHER_TRACKING_ID = 'other-action-tracker';
const shared = sharedEmulator({ trackingIds: [OTHER_TRACKING_ID] });
const send = (input = validActionInput()) => eventsClient(shared.url).send(new PutActionInteractionsCommand(input));

describe('accepted PutActionInteractions', () => {
  test('every field arrives as sent, with the trackingId, in actionInteractions() and not in events()', async () => {
    const output = await send(validActionInput({
      actionInteractions: [
        {
          actionId: 'premium-plan', sessionId: 'session-9', timestamp: new Date(1719511760123), eventType: 'Not Taken', userId: 'user-3',
          eventId: 'ai-1', recommendationId: 'rec-1', impression: ['premium-plan', 'app-download'], properties: '{"numberOfActions":"12"}',
        },
        { actionId: 'app-download', sessionId: 'session-9', timestamp: new Date(1719511761000), eventType: 'Viewed' },
      ],
    }));
    assert.equal(output.$metadata.httpStatusCode, 200);
    const requestId = output.$metadata.requestId!;
    const logged = shared.emulator.actionInteractions();
    const receivedAt = logged[0]!.receivedAt;
    assert.ok(Math.abs(receivedAt - Date.now()) < 60_000);
    assert.deepEqual(logged, [
      {
        trackingId: DEMO_TRACKING_ID, actionId: 'premium-plan', sessionId: 'session-9', timestamp: 1719511760.123, eventType: 'Not Taken', userId: 'user-3',
        eventId: 'ai-1', recommendationId: 'rec-1', impression: ['premium-plan', 'app-download'], properties: '{"numberOfActions":"12"}', requestId, receivedAt,
      },
      { trackingId: DEMO_TRACKING_ID, actionId: 'app-download', sessionId: 'session-9', timestamp: 1719511761, eventType: 'Viewed', requestId, receivedAt },
    ]);
    assert.deepEqual(await control(shared.url, 'action-interactions'), { actionInteractions: logged });
    assert.deepEqual(shared.emulator.events(), []);
    assert.deepEqual(shared.emulator.requests(), [
      { operation: 'PutActionInteractions', requestId, receivedAt, status: 200, trackingId: DEMO_TRACKING_ID, eventCount: 2, eventIds: ['ai-1'] },
    ]);
    assert.equal(shared.emulator.calls().PutActionInteractions, 1);
    assert.equal(shared.emulator.calls().PutEvents, 0);
  });

  test('PutEvents and PutActionInteractions are logged apart, each request with its operation', async () => {
    const client = eventsClient(shared.url);
    await client.send(new PutEventsCommand(validInput()));
    await client.send(new PutActionInteractionsCommand(validActionInput()));
    assert.deepEqual(shared.emulator.requests().map((request) => request.operation), ['PutEvents', 'PutActionInteractions']);
    assert.deepEqual(shared.emulator.events().map((event) => event.itemId), ['item-1']);
    assert.deepEqual(shared.emulator.actionInteractions().map((entry) => entry.actionId), ['action-1']);
    shared.emulator.reset();
    assert.deepEqual(shared.emulator.actionInteractions(), []);
    assert.deepEqual(shared.emulator.calls(), { PutEvents: 0, PutActionInteractions: 0, GetId: 0, GetCredentialsForIdentity: 0 });
  });
});

describe('refusals as for PutEvents', () => {
  test('a body changed after signing is refused with 403 InvalidSignatureException, logged without its body', async () => {
    const command = new PutActionInteractionsCommand(validActionInput());
    await rejectsWith(sendTampered(eventsClient(shared.url), command, (request) => { request.body = request.body.replace('action-1', 'action-2'); }), {
      name: 'InvalidSignatureException', status: 403, message: /x-amz-content-sha256/,
    });
    assert.deepEqual(shared.emulator.requests().map(({ operation, status, errorType, eventCount }) => ({ operation, status, errorType, eventCount })), [
      { operation: 'PutActionInteractions', status: 403, errorType: 'InvalidSignatureException', eventCount: 0 },
    ]);
  });

  test('a signature for another service, an unsigned call and expired credentials are refused', async () => {
    const credentials = await staticCredentials(shared.url);
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, actionInteractions: [{ actionId: 'a', sessionId: 's', timestamp: 1719511760, eventType: 'Taken' }] });
    const post = async (headers: Record<string, string>) => raw(`${shared.url}/action-interactions`, { method: 'POST', body, headers });
    const wrongService = await post(await handSign(shared.url, body, credentials, { service: 'personalize-events', path: '/action-interactions' }));
    assert.deepEqual([wrongService.status, wrongService.headers.get('x-amzn-errortype')], [403, 'InvalidSignatureException']);
    const unsigned = await post({ 'content-type': 'application/json' });
    assert.deepEqual([unsigned.status, unsigned.headers.get('x-amzn-errortype')], [403, 'IncompleteSignature']);
    const signed = await post(await handSign(shared.url, body, credentials, { path: '/action-interactions' }));
    assert.equal(signed.status, 200, signed.text);
    shared.emulator.expireCredentials();
    const expired = await post(await handSign(shared.url, body, credentials, { path: '/action-interactions' }));
    assert.deepEqual([expired.status, expired.headers.get('x-amzn-errortype')], [403, 'ExpiredTokenException']);
  });

  test('an unknown tracking id answers 404 ResourceNotFoundException', async () => {
    await rejectsWith(send(validActionInput({ trackingId: `${DEMO_TRACKING_ID}0` })), {
      name: 'ResourceNotFoundException', status: 404, message: `Tracking id '${DEMO_TRACKING_ID}0' does not exist.`,
    });
  });

  test('over its rate limit: 400 ThrottlingException, counted per tracking id and apart from PutEvents', async () => {
    const client = eventsClient(shared.url);
    await client.config.credentials();
    shared.emulator.faults({ rateLimits: { PutActionInteractions: 1 } });
    const answers = await Promise.allSettled(Array.from({ length: 10 }, () => client.send(new PutActionInteractionsCommand(validActionInput()))));
    const throttled = answers.filter((answer) => answer.status === 'rejected');
    assert.ok(throttled.length >= 1 && throttled.length < 10, `${throttled.length} of 10 throttled`);
    await rejectsWith(Promise.reject((throttled[0] as PromiseRejectedResult).reason), { name: 'ThrottlingException', status: 400, message: 'Rate exceeded' });
    assert.equal((await client.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200, 'PutEvents has its own quota');
    const other = await client.send(new PutActionInteractionsCommand(validActionInput({ trackingId: OTHER_TRACKING_ID })));
    assert.equal(other.$metadata.httpStatusCode, 200, 'another tracking id has its own quota');
  });

  test('a scripted fault for PutActionInteractions answers it, before the signature check, and leaves PutEvents alone', async () => {
    const client = eventsClient(shared.url, { maxAttempts: 2 });
    await client.config.credentials();
    shared.emulator.faults({ fail: { count: 1, error: 'ServiceUnavailable', operation: 'PutActionInteractions' } });
    shared.emulator.faults({ fail: { count: 1, error: 'InternalFailure' } }); // the default target: PutEvents
    shared.emulator.faults({ fail: { count: 1, error: 'InternalErrorException', operation: 'Cognito' } });
    const output = await client.send(new PutActionInteractionsCommand(validActionInput()));
    assert.equal(output.$metadata.attempts, 2, 'the SDK retried the 503');
    assert.deepEqual(shared.emulator.requests().map((request) => [request.operation, request.status, request.errorType]), [
      ['PutActionInteractions', 503, 'ServiceUnavailable'], ['PutActionInteractions', 200, undefined],
    ]);
    assert.deepEqual((await control<{ pending: unknown[] }>(shared.url, 'faults')).pending, [
      { error: 'InternalFailure', status: 500, operation: 'PutEvents' }, { error: 'InternalErrorException', status: 500, operation: 'Cognito' },
    ]);
    shared.emulator.faults({ fail: { count: 1, error: 'ThrottlingException', operation: 'PutActionInteractions' } });
    const unsigned = await raw(`${shared.url}/action-interactions`, { method: 'POST', body: '{}' });
    assert.deepEqual([unsigned.status, unsigned.headers.get('x-amzn-errortype')], [400, 'ThrottlingException']);
  });

  test('latency and down apply to PutActionInteractions too', async () => {
    const client = eventsClient(shared.url);
    await client.config.credentials();
    shared.emulator.faults({ latencyMs: 300 });
    const started = performance.now();
    await client.send(new PutActionInteractionsCommand(validActionInput()));
    assert.ok(performance.now() - started >= 300);
    shared.emulator.faults({ latencyMs: 0, down: true });
    await assert.rejects(client.send(new PutActionInteractionsCommand(validActionInput())), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.$metadata?.httpStatusCode, undefined, `no HTTP answer expected, got ${error.name}`);
      return true;
    });
  });
});

describe('outputs', () => {
  test('the SSE stream names action interactions "action-interaction"; the log file gets one line each', { timeout: 10_000 }, async () => {
    const directory = await mkdtemp(join(tmpdir(), 'personalize-emulator-actions-'));
    const logFile = join(directory, 'log.jsonl');
    const emulator = await startEmulator({ port: 0, logFile });
    try {
      const response = await fetch(`${emulator.url}/__emulator/stream`);
      const reader = response.body!.getReader();
      const client = eventsClient(emulator.url);
      await client.send(new PutEventsCommand(validInput()));
      await client.send(new PutActionInteractionsCommand(validActionInput()));
      let text = '';
      while (!text.includes('event: action-interaction\ndata: ')) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      const [event, action] = text.split('\n\n').filter((block) => block.includes('data: '));
      assert.match(event!, /^data: \{"trackingId"/);
      assert.equal(action, `event: action-interaction\ndata: ${JSON.stringify(emulator.actionInteractions()[0])}`);
      const lines = (await readFile(logFile, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(lines, [...emulator.events(), ...emulator.actionInteractions()]);
    } finally {
      await emulator.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
