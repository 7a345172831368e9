// The emulator driven by the real AWS SDK v3: credentials from the emulated Cognito pool, signed
// PutEvents accepted and logged, every signature fault refused as AWS refuses it, CORS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import {
  DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID, cognito, control, eventsClient, handSign, memoryCache, raw,
  rejectsWith, sendTampered, staticCredentials, validInput,
} from './emulator-helpers';

let emulator: Emulator;
let url: string;

before(async () => {
  emulator = await startEmulator({ port: 0 });
  url = emulator.url;
});
after(() => emulator.close());

describe('accepted PutEvents', () => {
  test('listens on loopback and answers health', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(await control(url, 'health'), { ok: true });
  });

  test('a request signed by the real SDK is accepted and logged with every field', async () => {
    await control(url, 'reset', {});
    const client = eventsClient(url);
    const sentAt = new Date(1719511760123);
    const output = await client.send(new PutEventsCommand({
      trackingId: DEMO_TRACKING_ID,
      sessionId: 'session-42',
      userId: 'user-7',
      eventList: [
        {
          eventType: 'MovieRating', sentAt, eventId: 'event-a', itemId: 'movie3', eventValue: 4.5,
          properties: '{"numberOfRatings":"12"}', impression: ['movie3', 'movie4'], recommendationId: 'rec-1',
          metricAttribution: { eventAttributionSource: 'homepage carousel' },
        },
        { eventType: 'click', sentAt },
      ],
    }));
    assert.equal(output.$metadata.httpStatusCode, 200);
    const requestId = output.$metadata.requestId;
    assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);

    const { events } = await control<{ events: Array<Record<string, unknown>> }>(url, 'events');
    assert.equal(events.length, 2);
    const receivedAt = events[0]!.receivedAt as number;
    assert.ok(Math.abs(receivedAt - Date.now()) < 10_000, 'receivedAt is epoch ms');
    assert.deepEqual(events[0], {
      trackingId: DEMO_TRACKING_ID, sessionId: 'session-42', userId: 'user-7', eventType: 'MovieRating',
      sentAt: 1719511760.123, eventId: 'event-a', itemId: 'movie3', eventValue: 4.5,
      properties: '{"numberOfRatings":"12"}', impression: ['movie3', 'movie4'], recommendationId: 'rec-1',
      metricAttribution: { eventAttributionSource: 'homepage carousel' }, requestId, receivedAt,
    });
    assert.deepEqual(events[1], {
      trackingId: DEMO_TRACKING_ID, sessionId: 'session-42', userId: 'user-7', eventType: 'click',
      sentAt: 1719511760.123, requestId, receivedAt,
    });
    const { requests } = await control<{ requests: Array<Record<string, unknown>> }>(url, 'requests');
    assert.deepEqual(requests, [{
      operation: 'PutEvents', requestId, receivedAt, status: 200, trackingId: DEMO_TRACKING_ID, sessionId: 'session-42', userId: 'user-7',
      eventCount: 2, eventIds: ['event-a'],
    }]);
  });

  test('responses carry x-amzn-RequestId and Date, success has an empty body', async () => {
    const credentials = await staticCredentials(url);
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, sessionId: 's', eventList: [{ eventType: 'view', sentAt: 1719511760 }] });
    const ok = await raw(`${url}/events`, { method: 'POST', body, headers: await handSign(url, body, credentials) });
    assert.equal(ok.status, 200);
    assert.equal(ok.text, '');
    assert.match(ok.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(ok.headers.get('date') ?? '')));
    const refused = await raw(`${url}/events`, { method: 'POST', body });
    assert.equal(refused.status, 403);
    assert.match(refused.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(refused.headers.get('date'));
  });
});

describe('signature checks', () => {
  test('a tampered secret key is refused with InvalidSignatureException', async () => {
    const credentials = await staticCredentials(url);
    // Change the first character to one it cannot already be (a fixed 'x' matched 1 key in 64).
    const secret = credentials.secretAccessKey;
    const tampered = `${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    const client = eventsClient(url, { credentials: { ...credentials, secretAccessKey: tampered } });
    await rejectsWith(client.send(new PutEventsCommand(validInput())), {
      name: 'InvalidSignatureException', status: 403, message: /^The request signature we calculated does not match/,
    });
  });

  test('a body changed after signing is refused', async () => {
    const client = eventsClient(url, { credentials: await staticCredentials(url) });
    await rejectsWith(sendTampered(client, validInput(), (request) => { request.body = request.body.replace('item-1', 'item-2'); }), {
      name: 'InvalidSignatureException', status: 403, message: /x-amz-content-sha256/,
    });
  });

  test('a signed header changed after signing is refused', async () => {
    const client = eventsClient(url, { credentials: await staticCredentials(url) });
    await rejectsWith(sendTampered(client, validInput(), (request) => { request.headers['amz-sdk-request'] = 'attempt=2; max=3'; }), {
      name: 'InvalidSignatureException', status: 403, message: /^The request signature we calculated does not match/,
    });
  });

  test('x-amz-date six minutes in the past is refused as expired, six minutes ahead as not yet current', async () => {
    const credentials = await staticCredentials(url);
    const past = eventsClient(url, { credentials, systemClockOffset: -6 * 60_000 });
    await rejectsWith(past.send(new PutEventsCommand(validInput())), { name: 'InvalidSignatureException', status: 403, message: /^Signature expired: \d{8}T\d{6}Z is now earlier than/ });
    const future = eventsClient(url, { credentials, systemClockOffset: 6 * 60_000 });
    await rejectsWith(future.send(new PutEventsCommand(validInput())), { name: 'InvalidSignatureException', status: 403, message: /^Signature not yet current/ });
    const nearlyFour = eventsClient(url, { credentials, systemClockOffset: -4 * 60_000 });
    assert.equal((await nearlyFour.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200);
  });

  test('an access key the emulator never issued is refused with UnrecognizedClientException', async () => {
    const credentials = await staticCredentials(url);
    const client = eventsClient(url, { credentials: { ...credentials, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' } });
    await rejectsWith(client.send(new PutEventsCommand(validInput())), {
      name: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.',
    });
  });

  test('a missing or foreign session token is refused with UnrecognizedClientException', async () => {
    const credentials = await staticCredentials(url);
    const other = await staticCredentials(url);
    const noToken = eventsClient(url, { credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } });
    await rejectsWith(noToken.send(new PutEventsCommand(validInput())), { name: 'UnrecognizedClientException', status: 403 });
    const foreignToken = eventsClient(url, { credentials: { ...credentials, sessionToken: other.sessionToken } });
    await rejectsWith(foreignToken.send(new PutEventsCommand(validInput())), { name: 'UnrecognizedClientException', status: 403 });
  });

  test('a region other than the pool region is refused', async () => {
    const client = eventsClient(url, { region: 'eu-west-1', credentials: await staticCredentials(url) });
    await rejectsWith(client.send(new PutEventsCommand(validInput())), { name: 'InvalidSignatureException', status: 403, message: /region/ });
  });

  test('a signature for another service, or without host signed, is refused', async () => {
    const credentials = await staticCredentials(url);
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, sessionId: 's', eventList: [{ eventType: 'view', sentAt: 1719511760 }] });
    const wrongService = await raw(`${url}/events`, { method: 'POST', body, headers: await handSign(url, body, credentials, { service: 'personalize-events' }) });
    assert.equal(wrongService.status, 403);
    assert.equal(wrongService.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
    assert.match(String(wrongService.json.message), /correct service: 'personalize'/);
    const hostUnsigned = await raw(`${url}/events`, { method: 'POST', body, headers: await handSign(url, body, credentials, { unsignableHeaders: new Set(['host']) }) });
    assert.equal(hostUnsigned.status, 403);
    assert.equal(hostUnsigned.headers.get('x-amzn-errortype'), 'IncompleteSignature');
    const handSigned = await raw(`${url}/events`, { method: 'POST', body, headers: await handSign(url, body, credentials) });
    assert.equal(handSigned.status, 200, handSigned.text);
  });

  test('a query string is part of the canonical request', async () => {
    const credentials = await staticCredentials(url);
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, sessionId: 's', eventList: [{ eventType: 'view', sentAt: 1719511760 }] });
    const query = { zeta: 'last', alpha: "a b/c*(d)!'" };
    const headers = await handSign(url, body, credentials, { query });
    const encoded = '?zeta=last&alpha=a%20b%2Fc%2A%28d%29%21%27';
    const signed = await raw(`${url}/events${encoded}`, { method: 'POST', body, headers });
    assert.equal(signed.status, 200, signed.text);
    const changed = await raw(`${url}/events?zeta=first&alpha=a%20b%2Fc%2A%28d%29%21%27`, { method: 'POST', body, headers });
    assert.equal(changed.status, 403);
    assert.equal(changed.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
  });

  test('a request without Authorization or with a garbled one is refused with IncompleteSignature', async () => {
    const body = JSON.stringify(validInput({ eventList: [] }));
    const unsigned = await raw(`${url}/events`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'IncompleteSignature');
    const garbled = await raw(`${url}/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=abc' } });
    assert.equal(garbled.status, 403);
    assert.equal(garbled.headers.get('x-amzn-errortype'), 'IncompleteSignature');
    assert.match(String(garbled.json.message), /requires 'SignedHeaders' parameter/);
  });

  test('credentials expired by the control are refused with ExpiredTokenException; fresh ones work', async () => {
    const client = eventsClient(url, { credentials: await staticCredentials(url) });
    assert.equal((await client.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200);
    assert.deepEqual(await control(url, 'expire-credentials', {}), { ok: true });
    await rejectsWith(client.send(new PutEventsCommand(validInput())), {
      name: 'ExpiredTokenException', status: 403, message: 'The security token included in the request is expired',
    });
    const fresh = eventsClient(url, { credentials: await staticCredentials(url) });
    assert.equal((await fresh.send(new PutEventsCommand(validInput()))).$metadata.httpStatusCode, 200);
  });

  test('credentials past their Expiration are refused with ExpiredTokenException', async () => {
    const shortLived = await startEmulator({ port: 0, credentialTtlSeconds: 1 });
    try {
      const credentials = await staticCredentials(shortLived.url);
      const client = eventsClient(shortLived.url, { credentials });
      // Expiration is whole epoch seconds, at most 1 s away: poll until the emulator says expired.
      const deadline = Date.now() + 10_000; // 1 s is enough; the rest is for a loaded machine
      let outcome: unknown;
      while (Date.now() < deadline) {
        outcome = await client.send(new PutEventsCommand(validInput())).catch((error: Error) => error);
        if (outcome instanceof Error) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(outcome instanceof Error, 'credentials never expired');
      assert.equal(outcome.name, 'ExpiredTokenException');
    } finally {
      await shortLived.close();
    }
  });
});

describe('unknown resources and Cognito', () => {
  test('an unknown but well-formed tracking id is refused with 404 ResourceNotFoundException', async () => {
    await rejectsWith(eventsClient(url).send(new PutEventsCommand(validInput({ trackingId: 'ffffffff-0000-4000-8000-000000000000' }))), {
      name: 'ResourceNotFoundException', status: 404, message: /ffffffff-0000-4000-8000-000000000000/,
    });
  });

  test('GetId and GetCredentialsForIdentity answer the shapes the SDK expects', async () => {
    const id = await cognito(url, 'GetId', { IdentityPoolId: DEMO_IDENTITY_POOL_ID });
    assert.equal(id.status, 200);
    assert.equal(id.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.match(String(id.json.IdentityId), /^us-east-1:[0-9a-f-]{36}$/);
    const creds = await cognito(url, 'GetCredentialsForIdentity', { IdentityId: id.json.IdentityId });
    assert.equal(creds.status, 200);
    const { AccessKeyId, SecretKey, SessionToken, Expiration } = creds.json.Credentials as Record<string, unknown>;
    assert.match(String(AccessKeyId), /^ASIA[A-Z0-9]{16}$/);
    assert.equal(typeof SecretKey, 'string');
    assert.equal(typeof SessionToken, 'string');
    assert.equal(typeof Expiration, 'number');
    const remaining = (Expiration as number) - Date.now() / 1000;
    assert.ok(remaining > 3590 && remaining <= 3600, `Expiration ${remaining} s away`);
    assert.equal(creds.json.IdentityId, id.json.IdentityId);
  });

  test('a malformed identity pool id is refused with InvalidParameterException naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['no-colon-here', /'identityPoolId'.*regular expression pattern/],
      ['us-east-1:XYZ', /'identityPoolId'.*regular expression pattern/],
      [`us-east-1:${'0'.repeat(50)}`, /'identityPoolId'.*length less than or equal to 55/],
      ['', /'identityPoolId'.*length greater than or equal to 1/],
      [undefined, /Value null at 'identityPoolId'.*must not be null/],
    ];
    for (const [IdentityPoolId, message] of cases) {
      const response = await cognito(url, 'GetId', { IdentityPoolId });
      assert.equal(response.status, 400, String(IdentityPoolId));
      assert.equal(response.json.__type, 'InvalidParameterException');
      assert.match(String(response.json.message), message);
    }
  });

  test('an unknown pool or identity is refused with 404 ResourceNotFoundException', async () => {
    const unknownPool = 'us-east-1:00000000-0000-4000-8000-000000000000';
    const response = await cognito(url, 'GetId', { IdentityPoolId: unknownPool });
    assert.equal(response.status, 404);
    assert.deepEqual(response.json, { __type: 'ResourceNotFoundException', message: `IdentityPool '${unknownPool}' not found.` });
    const provider = fromCognitoIdentityPool({ identityPoolId: unknownPool, clientConfig: { region: DEMO_REGION, endpoint: url }, cache: memoryCache() });
    await rejectsWith(provider(), { name: 'ResourceNotFoundException', status: 404 });
    const identity = await cognito(url, 'GetCredentialsForIdentity', { IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000001' });
    assert.equal(identity.status, 404);
    assert.equal(identity.json.__type, 'ResourceNotFoundException');
  });

  test('unknown targets, bad JSON and wrong types are refused', async () => {
    const unknown = await cognito(url, 'DeleteIdentityPool', {});
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.__type, 'UnknownOperationException');
    const badJson = await cognito(url, 'GetId', '{"IdentityPoolId":');
    assert.equal(badJson.status, 400);
    assert.equal(badJson.json.__type, 'SerializationException');
    const wrongType = await cognito(url, 'GetId', { IdentityPoolId: 42 });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.__type, 'SerializationException');
    const logins = await cognito(url, 'GetId', { IdentityPoolId: DEMO_IDENTITY_POOL_ID, Logins: { 'accounts.google.com': 'token' } });
    assert.equal(logins.status, 400);
    assert.equal(logins.json.__type, 'NotAuthorizedException');
  });

  test('other paths answer 404 UnknownOperationException', async () => {
    const response = await raw(`${url}/nothing-here`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  });
});

describe('CORS', () => {
  const requested = 'amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-content-sha256,x-amz-date,x-amz-security-token,x-amz-user-agent';

  test('a preflight answers 204 with methods, the requested headers and max-age', async () => {
    for (const [path, origin] of [['/events', 'http://shop.example:8080'], ['/', 'http://shop.example:8080'], ['/__emulator/events', 'http://127.0.0.1:8080']]) {
      const response = await raw(`${url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: origin!, 'access-control-request-method': 'POST', 'access-control-request-headers': requested },
      });
      assert.equal(response.status, 204, path);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
      assert.equal(response.headers.get('access-control-allow-headers'), requested);
      assert.equal(response.headers.get('access-control-max-age'), '600');
    }
  });

  test('responses echo the Origin (or *) and expose request id, error type and date', async () => {
    const credentials = await staticCredentials(url);
    const body = JSON.stringify({ trackingId: DEMO_TRACKING_ID, sessionId: 's', eventList: [{ eventType: 'view', sentAt: 1719511760 }] });
    const withOrigin = await raw(`${url}/events`, { method: 'POST', body, headers: { ...(await handSign(url, body, credentials)), origin: 'http://shop.example:8080' } });
    assert.equal(withOrigin.status, 200);
    assert.equal(withOrigin.headers.get('access-control-allow-origin'), 'http://shop.example:8080');
    assert.equal(withOrigin.headers.get('access-control-expose-headers'), 'x-amzn-RequestId, x-amzn-ErrorType, Date');
    const refused = await raw(`${url}/events`, { method: 'POST', body });
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
    assert.equal(refused.headers.get('access-control-expose-headers'), 'x-amzn-RequestId, x-amzn-ErrorType, Date');
    const controlResponse = await raw(`${url}/__emulator/health`, { headers: { origin: 'http://localhost:8080' } });
    assert.equal(controlResponse.headers.get('access-control-allow-origin'), 'http://localhost:8080');
  });
});
