// The relay's HTTP edges: methods, Origin and CORS, content types, the body limit, and the
// adapters: a real node:http server through toNodeListener, and a Lambda payload 2.0 event.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { lambdaEventOf, nodeRequestOf, toLambdaHandler, toNodeListener, type LambdaHttpEvent } from '../../src/relay/index';
import { RELAY_URL, SHOP, answer, assertError, post, relayEmulator, testRelay, wireEvent } from './relay-helpers';

const shared = relayEmulator();
const PARTNER = 'https://partner.example';
const batch = () => ({ sessionId: 's', eventList: [wireEvent()] });

describe('methods', () => {
  test('GET, PUT and DELETE answer 405 with Allow', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const got = await answer(testRelay(shared.url)(new Request(RELAY_URL, { method, headers: { origin: SHOP } })));
      assertError(got, 405, 'MethodNotAllowed');
      assert.equal(got.headers.get('allow'), 'POST, OPTIONS');
    }
  });
});

describe('origin', () => {
  test('the same origin may post, and gets no CORS headers it does not need', async () => {
    const got = await answer(testRelay(shared.url)(post(batch())));
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('access-control-allow-origin'), null);
    assert.equal(got.headers.get('vary'), 'Origin');
  });

  test('a cross-origin POST, a null origin or none at all: 403, before the body is read', async () => {
    for (const origin of [PARTNER, 'null', undefined]) {
      const request = post(batch(), { headers: origin === undefined ? {} : { origin } });
      if (origin === undefined) request.headers.delete('origin');
      const got = await answer(testRelay(shared.url)(request));
      assertError(got, 403, 'OriginNotAllowed');
      assert.equal(got.headers.get('access-control-allow-origin'), null);
      assert.equal(request.bodyUsed, false, `${origin}: the body was not read`);
    }
    assert.equal(shared.emulator.calls().PutEvents, 0);
  });

  test('a listed cross origin: preflight answered, POST answered with Access-Control-Allow-Origin and Retry-After exposed', async () => {
    const relay = testRelay(shared.url, { allowedOrigins: [SHOP, `${PARTNER}/`] });
    const preflight = await relay(new Request(RELAY_URL, { method: 'OPTIONS', headers: { origin: PARTNER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }));
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), PARTNER);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(preflight.headers.get('access-control-max-age'), '7200');
    assert.equal(preflight.headers.get('vary'), 'Origin');
    const got = await answer(relay(post(batch(), { headers: { origin: PARTNER } })));
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('access-control-allow-origin'), PARTNER);
    assert.equal(got.headers.get('access-control-expose-headers'), 'Retry-After, Date');
    shared.emulator.faults({ fail: { count: 1, error: 'ThrottlingException' } });
    const throttled = await answer(relay(post(batch(), { headers: { origin: PARTNER } })));
    assertError(throttled, 503, 'Throttled');
    assert.equal(throttled.headers.get('access-control-allow-origin'), PARTNER);
  });

  test('a preflight from an origin not listed, or without an origin: 403 without CORS headers', async () => {
    const relay = testRelay(shared.url, { allowedOrigins: [PARTNER] });
    const preflights: Array<Record<string, string>> = [{ origin: 'https://evil.example', 'access-control-request-method': 'POST' }, { 'access-control-request-method': 'POST' }];
    for (const headers of preflights) {
      const got = await answer(relay(new Request(RELAY_URL, { method: 'OPTIONS', headers })));
      assertError(got, 403, 'OriginNotAllowed');
      assert.equal(got.headers.get('access-control-allow-origin'), null);
    }
  });

  test('with allowedOrigins, exactly those: behind a proxy the request URL\'s origin is not the public one', async () => {
    const relay = testRelay(shared.url, { allowedOrigins: [SHOP] });
    const internal = 'http://10.0.0.5:3000/api/events';
    assert.equal((await relay(post(batch(), { url: internal }))).status, 200);
    assertError(await answer(relay(post(batch(), { url: internal, headers: { origin: 'http://10.0.0.5:3000' } }))), 403, 'OriginNotAllowed');
  });
});

describe('content type', () => {
  for (const [what, type, body] of [
    ['text/plain (a beacon)', 'text/plain', JSON.stringify(batch())],
    ['a form', 'application/x-www-form-urlencoded', 'sessionId=s'],
    ['multipart', 'multipart/form-data; boundary=x', '--x--'],
    ['none', '', JSON.stringify(batch())],
  ]) {
    test(`${what}: 400 UnsupportedContentType, nothing sent`, async () => {
      const request = post(body!, { headers: { 'content-type': type! } });
      if (type === '') request.headers.delete('content-type');
      assertError(await answer(testRelay(shared.url)(request)), 400, 'UnsupportedContentType');
      assert.equal(shared.emulator.calls().PutEvents, 0);
    });
  }

  test('application/json with a charset, in any case, is accepted', async () => {
    assert.equal((await testRelay(shared.url)(post(batch(), { headers: { 'content-type': 'Application/JSON; charset=UTF-8' } }))).status, 200);
  });
});

describe('body size', () => {
  test('a body over maxBodyBytes: 413, also when streamed without Content-Length', async () => {
    const relay = testRelay(shared.url, { maxBodyBytes: 1000 });
    const padded = JSON.stringify({ ...batch(), padding: 'x'.repeat(2000) });
    assertError(await answer(relay(post(padded))), 413, 'PayloadTooLarge', /at most 1000 bytes/);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 100) controller.close();
        else controller.enqueue(new TextEncoder().encode(' '.repeat(100)));
      },
    });
    const streamed = new Request(RELAY_URL, { method: 'POST', headers: { origin: SHOP, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    assert.equal(streamed.headers.get('content-length'), null);
    assertError(await answer(relay(streamed)), 413, 'PayloadTooLarge');
    assert.ok(pulled < 20, `the stream was cancelled early (${pulled} chunks pulled)`);
    assert.equal(shared.emulator.calls().PutEvents, 0);
  });

  test('a body stream that fails mid-way: 400, the handler does not wait forever', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"sessionId":'));
        controller.error(new Error('connection reset'));
      },
    });
    const request = new Request(RELAY_URL, { method: 'POST', headers: { origin: SHOP, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    assertError(await answer(testRelay(shared.url)(request)), 400, 'InvalidRequest', /could not be read/);
  });

  test('the default limit is 65536 bytes', async () => {
    const body = JSON.stringify(batch());
    const got = await answer(testRelay(shared.url)(post(body.slice(0, -1) + ' '.repeat(65_537 - body.length) + '}')));
    assertError(got, 413, 'PayloadTooLarge', /65536/);
    assert.equal((await testRelay(shared.url)(post(body.slice(0, -1) + ' '.repeat(65_536 - body.length) + '}'))).status, 200);
  });
});

/** A relay behind node:http, on a free port. */
async function nodeServer(listener: Parameters<typeof createServer>[1] & object): Promise<{ server: Server; origin: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('toNodeListener', () => {
  test('a node:http server relays a batch end to end, and refuses what the handler refuses', async () => {
    const relay = testRelay(shared.url, { userId: (request) => (request.headers.get('cookie') === 'sid=1' ? 'alice' : undefined) });
    const { server, origin } = await nodeServer(toNodeListener(relay));
    try {
      const event = wireEvent();
      const response = await fetch(`${origin}/api/events`, { method: 'POST', headers: { origin, 'content-type': 'application/json', cookie: 'sid=1' }, body: JSON.stringify({ sessionId: 's', userId: 'forged', eventList: [event] }) });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { accepted: [event.eventId], refused: [] });
      assert.deepEqual(shared.emulator.events().map((arrived) => [arrived.eventId, arrived.userId]), [[event.eventId, 'alice']]);
      const foreign = await fetch(`${origin}/api/events`, { method: 'POST', headers: { origin: PARTNER, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(foreign.status, 403);
      assert.equal(((await foreign.json()) as { code: string }).code, 'OriginNotAllowed');
    } finally {
      server.close();
    }
  });

  test('userId() reaches the node request through nodeRequestOf(), as it reads req.session in Express', async () => {
    const relay = testRelay(shared.url, { userId: (request) => (nodeRequestOf(request) as { session?: { user: string } } | undefined)?.session?.user });
    const listener = toNodeListener(relay);
    const { server, origin } = await nodeServer((req, res) => listener(Object.assign(req, { session: { user: 'carol' } }), res));
    try {
      const response = await fetch(`${origin}/api/events`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify(batch()) });
      assert.equal(response.status, 200);
      assert.deepEqual(shared.emulator.events().map((arrived) => arrived.userId), ['carol']);
      assert.equal(nodeRequestOf(new Request('http://x/')), undefined);
    } finally {
      server.close();
    }
  });

  test('a chunked body over the limit answers 413 on the same connection', async () => {
    const { server, origin } = await nodeServer(toNodeListener(testRelay(shared.url, { maxBodyBytes: 100 })));
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${origin}/api/events`, { method: 'POST', headers: { origin, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let index = 0; index < 10; index++) req.write('x'.repeat(50));
        req.end();
      });
      assert.equal(status, 413);
    } finally {
      server.close();
    }
  });

  test('a client that goes away mid-body: the handler still settles (400), nothing sent', async () => {
    const relay = testRelay(shared.url);
    const settled: number[] = [];
    const { server, origin } = await nodeServer(toNodeListener(async (request) => {
      const response = await relay(request);
      settled.push(response.status);
      return response;
    }));
    try {
      const req = httpRequest(`${origin}/api/events`, { method: 'POST', headers: { origin, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      req.on('error', () => undefined);
      req.write('{"sessionId":"s",');
      await new Promise((resolve) => setTimeout(resolve, 100));
      req.destroy();
      for (let waited = 0; settled.length === 0 && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(settled, [400]);
      assert.equal(shared.emulator.calls().PutEvents, 0);
    } finally {
      server.close();
    }
  });

  test('behind a body parser (express.json() sets req.body), the parsed body is relayed', async () => {
    const listener = toNodeListener(testRelay(shared.url));
    const event = wireEvent();
    const { server, origin } = await nodeServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        text += chunk;
      });
      req.on('end', () => listener(Object.assign(req, { body: JSON.parse(text) as unknown }), res));
    });
    try {
      const response = await fetch(`${origin}/api/events`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 's', eventList: [event] }) });
      assert.deepEqual(await response.json(), { accepted: [event.eventId], refused: [] });
      assert.deepEqual(shared.emulator.events().map((arrived) => arrived.eventId), [event.eventId]);
    } finally {
      server.close();
    }
  });
});

/** A function URL event (payload format 2.0), as Lambda builds it. */
function lambdaEvent(body: string, overrides: Partial<LambdaHttpEvent> = {}): LambdaHttpEvent {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/api/events',
    rawQueryString: 'v=1',
    cookies: ['sid=1', 'theme=dark'],
    headers: { 'content-type': 'application/json', host: 'abc123.lambda-url.us-east-1.on.aws', origin: SHOP, 'x-forwarded-proto': 'https', 'content-length': String(body.length) },
    queryStringParameters: { v: '1' },
    requestContext: { accountId: 'anonymous', apiId: 'abc123', domainName: 'abc123.lambda-url.us-east-1.on.aws', domainPrefix: 'abc123', http: { method: 'POST', path: '/api/events', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'Mozilla/5.0' }, requestId: 'id', routeKey: '$default', stage: '$default', time: '03/Dec/2026:17:00:00 +0000', timeEpoch: 1796317200000 },
    body,
    isBase64Encoded: false,
    ...overrides,
  };
  return event;
}

describe('toLambdaHandler', () => {
  test('a payload 2.0 event is relayed: cookies, query and base64 bodies reach the handler; the answer is a 2.0 result', async () => {
    const seen: string[] = [];
    const relay = testRelay(shared.url, {
      allowedOrigins: [SHOP],
      userId: (request) => {
        seen.push(`${request.url} ${request.headers.get('cookie')}`);
        return 'alice';
      },
    });
    const handler = toLambdaHandler(relay);
    const event = wireEvent();
    const text = JSON.stringify({ sessionId: 's', eventList: [event] });
    const result = await handler(lambdaEvent(Buffer.from(text).toString('base64'), { isBase64Encoded: true }));
    assert.equal(result.statusCode, 200);
    assert.equal(result.isBase64Encoded, false);
    assert.equal(result.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(result.body), { accepted: [event.eventId], refused: [] });
    assert.deepEqual(seen, ['https://abc123.lambda-url.us-east-1.on.aws/api/events?v=1 sid=1; theme=dark']);
    assert.deepEqual(shared.emulator.events().map((arrived) => [arrived.eventId, arrived.userId]), [[event.eventId, 'alice']]);
  });

  test('userId() reads a JWT authorizer\'s claims through lambdaEventOf()', async () => {
    const handler = toLambdaHandler(testRelay(shared.url, { allowedOrigins: [SHOP], userId: (request) => lambdaEventOf(request)?.requestContext.authorizer?.jwt?.claims?.sub as string | undefined }));
    const base = lambdaEvent(JSON.stringify(batch()));
    const result = await handler({ ...base, requestContext: { ...base.requestContext, authorizer: { jwt: { claims: { sub: 'user-from-jwt' }, scopes: [] } } } });
    assert.equal(result.statusCode, 200);
    assert.deepEqual(shared.emulator.events().map((arrived) => arrived.userId), ['user-from-jwt']);
  });

  test('errors keep their status and headers, and a plain-text body is read as text', async () => {
    const handler = toLambdaHandler(testRelay(shared.url, { allowedOrigins: [SHOP] }));
    const refused = await handler(lambdaEvent(JSON.stringify(batch()), { headers: { 'content-type': 'text/plain', host: 'x.on.aws', origin: SHOP } }));
    assert.equal(refused.statusCode, 400);
    assert.equal(JSON.parse(refused.body).code, 'UnsupportedContentType');
    shared.emulator.faults({ fail: { count: 1, error: 'ThrottlingException', retryAfterSeconds: 2 } });
    const throttled = await handler(lambdaEvent(JSON.stringify(batch())));
    assert.equal(throttled.statusCode, 503);
    assert.equal(throttled.headers['retry-after'], '2');
  });
});
