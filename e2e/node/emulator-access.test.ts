// Who may use the controls (loopback Host and Origin only, no simple cross-origin POSTs), and a
// request log that stays bounded whatever clients send (issue 12, row 13).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import type { RequestRecord } from '../../src/emulator/event-log';
import { startEmulator } from '../../src/emulator/server';
import { DEMO_TRACKING_ID, control, eventsClient, handSign, raw, staticCredentials, validInput, sharedEmulator } from './emulator-helpers';

const shared = sharedEmulator();

/** fetch cannot set Host; a DNS-rebinding page's requests carry its own name there. */
function withHost(path: string, host: string, method = 'GET', body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${shared.url}${path}`, { method, headers: { host, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function pendingFaults(): Promise<unknown[]> {
  return (await control<{ pending: unknown[] }>(shared.url, 'faults')).pending;
}

describe('controls answer loopback callers only', () => {
  test('a Host that is not loopback (DNS rebinding) is refused with 403, and nothing changes', async () => {
    const read = await withHost('/__emulator/events', `rebind.example:${shared.emulator.port}`);
    assert.equal(read.status, 403);
    assert.match(read.text, /loopback Host/);
    const write = await withHost('/__emulator/faults', `rebind.example:${shared.emulator.port}`, 'POST', '{"fail":{"count":1,"error":"ServiceUnavailable"}}');
    assert.equal(write.status, 403);
    assert.deepEqual(await pendingFaults(), []);
    for (const host of [`localhost:${shared.emulator.port}`, `127.0.0.1:${shared.emulator.port}`, `[::1]:${shared.emulator.port}`, `app.localhost:${shared.emulator.port}`]) {
      assert.equal((await withHost('/__emulator/health', host)).status, 200, host);
    }
  });

  test('a page on another origin can neither read nor drive the controls, and gets no CORS grant', async () => {
    for (const origin of ['http://shop.example', 'null', 'http://127.0.0.1.nip.io:8080', 'http://localhost.example']) {
      const read = await raw(`${shared.url}/__emulator/events`, { headers: { origin } });
      assert.equal(read.status, 403, origin);
      assert.equal(read.headers.get('access-control-allow-origin'), null, origin);
      const preflight = await raw(`${shared.url}/__emulator/faults`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      assert.equal(preflight.status, 403, origin);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null);
      const write = await raw(`${shared.url}/__emulator/faults`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{"down":true}' });
      assert.equal(write.status, 403, origin);
    }
    assert.equal((await control<{ down: boolean }>(shared.url, 'faults')).down, false);
  });

  test('a text/plain or form POST from a page (no preflight) is refused even from loopback; JSON is accepted', async () => {
    const origin = 'http://localhost:5173';
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await raw(`${shared.url}/__emulator/faults`, { method: 'POST', headers: { origin, 'content-type': type }, body: '{"fail":{"count":1,"error":"ServiceUnavailable"}}' });
      assert.equal(response.status, 415, type);
    }
    const reset = await raw(`${shared.url}/__emulator/reset`, { method: 'POST', headers: { origin }, body: '{}' });
    assert.equal(reset.status, 415, 'a string body is text/plain');
    assert.deepEqual(await pendingFaults(), []);
    const json = await raw(`${shared.url}/__emulator/faults`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{"fail":{"count":1,"error":"ServiceUnavailable"}}' });
    assert.equal(json.status, 200);
    assert.equal(json.headers.get('access-control-allow-origin'), origin);
    assert.equal((await pendingFaults()).length, 1);
  });

  test('the AWS routes still answer pages on any origin with CORS', async () => {
    const response = await raw(`${shared.url}/events`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
  });
});

describe('the request log', () => {
  const requests = async (): Promise<RequestRecord[]> => (await control<{ requests: RequestRecord[] }>(shared.url, 'requests')).requests;

  test('a request that fails authentication is logged without anything read from its body', async () => {
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, sessionId: 'forged', userId: 'victim', eventList: [{ eventType: 'view', sentAt: 1, eventId: 'forged-1' }] });
    const response = await raw(`${shared.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(response.status, 403);
    const [record] = await requests();
    assert.equal(record!.status, 403);
    assert.equal(record!.errorType, 'IncompleteSignature');
    assert.deepEqual([record!.trackingId, record!.sessionId, record!.userId, record!.eventCount, record!.eventIds], [undefined, undefined, undefined, 0, []]);
  });

  test('a signed but refused request is summarised with its ids cut to 256 characters', async () => {
    const credentials = await staticCredentials(shared.url);
    const long = 'u'.repeat(60_000);
    const eventList = Array.from({ length: 12 }, (_, index) => ({ eventType: 'view', sentAt: 1, eventId: `${index}-${long}` }));
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, sessionId: long, userId: long, eventList });
    const response = await raw(`${shared.url}/events`, { method: 'POST', body, headers: await handSign(shared.url, body, credentials) });
    assert.equal(response.status, 400);
    const [record] = await requests();
    assert.equal(record!.errorType, 'InvalidInputException');
    assert.equal(record!.eventCount, 12);
    assert.equal(record!.eventIds.length, 10);
    for (const id of [record!.sessionId!, record!.userId!, ...record!.eventIds]) assert.ok(id.length <= 257, `id of ${id.length} characters`);
    assert.ok(JSON.stringify(record).length < 8 * 1024, `the record is ${JSON.stringify(record).length} characters`);
  });

  test('150 refused 1 MB bodies leave a request log of a few kilobytes', async () => {
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, sessionId: 's', userId: 'x'.repeat(1024 * 1024 - 100), eventList: [] });
    for (let index = 0; index < 150; index += 1) {
      const response = await raw(`${shared.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(response.status, 403);
    }
    const log = await requests();
    assert.equal(log.length, 150);
    assert.ok(JSON.stringify(log).length < 150 * 1024, `the log is ${JSON.stringify(log).length} characters`);
  });
});

describe('ring buffers', () => {
  test('the request and event logs keep the newest entries up to their size', async () => {
    const small = await startEmulator({ port: 0, maxRequests: 3, maxEvents: 4 });
    try {
      const requestIds: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        const response = await raw(`${small.url}/events`, { method: 'POST', body: '{}' });
        requestIds.push(response.headers.get('x-amzn-requestid')!);
      }
      const logged = (await control<{ requests: RequestRecord[] }>(small.url, 'requests')).requests;
      assert.deepEqual(logged.map((record) => record.requestId), requestIds.slice(2));

      const client = eventsClient(small.url);
      for (const batch of [['a', 'b', 'c'], ['d', 'e', 'f']]) {
        const eventList = batch.map((eventId) => ({ eventType: 'view', sentAt: new Date(), eventId }));
        await client.send(new PutEventsCommand(validInput({ eventList })));
      }
      const events = (await control<{ events: Array<{ eventId: string }> }>(small.url, 'events')).events;
      assert.deepEqual(events.map((event) => event.eventId), ['c', 'd', 'e', 'f']);
    } finally {
      await small.close();
    }
  });
});
