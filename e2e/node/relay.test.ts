// The relay's protocol against the emulator (real SigV4 with its test access key): what reaches
// PutEvents, which events are refused and why, who the shopper is, and every AWS failure of the
// error table in docs/relay.md, driven by the emulator's fault controls.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { DEMO_REGION, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../src/emulator/index';
import { answer, assertError, post, relayEmulator, testRelay, wireEvent } from './relay-helpers';

const shared = relayEmulator();

describe('a valid batch', () => {
  test('reaches PutEvents with the server trackingId and the events as sent, and answers 200 with every eventId accepted', async () => {
    const events = [wireEvent({ properties: '{"color":"red","size":3}', eventValue: 4.5 }), wireEvent({ impression: ['a', 'b'], recommendationId: 'rec-1', metricAttribution: { eventAttributionSource: 'home' } })];
    const got = await answer(testRelay(shared.url)(post({ sessionId: 'session-1', eventList: events })));
    assert.equal(got.status, 200);
    assert.deepEqual(got.json, { accepted: events.map((event) => event.eventId), refused: [] });
    assert.equal(got.headers.get('cache-control'), 'no-store');
    const arrived = shared.emulator.events();
    assert.deepEqual(arrived.map(({ requestId, receivedAt, ...event }) => event), events.map((event) => ({ trackingId: '0a1b2c3d-0000-4000-8000-00000000beef', sessionId: 'session-1', ...event })));
    assert.equal(shared.emulator.calls().PutEvents, 1);
  });

  test('up to 100 events go on as PutEvents calls of at most 10, all at once, and the answer names every one', async () => {
    const events = Array.from({ length: 25 }, () => wireEvent());
    const got = await answer(testRelay(shared.url)(post({ sessionId: 'session-1', eventList: events })));
    assert.equal(got.status, 200);
    assert.deepEqual([...got.json.accepted].sort(), events.map((event) => event.eventId).sort());
    assert.deepEqual(got.json.refused, []);
    assert.deepEqual(shared.emulator.requests().map((request) => request.eventCount).sort(), [10, 10, 5]);
    assert.deepEqual(shared.emulator.events().map((event) => event.eventId).sort(), events.map((event) => event.eventId).sort());
  });

  test('when one of those calls fails, the answer is its failure, naming the events the other calls took', async () => {
    const refused = wireEvent({ itemId: 'x'.repeat(257) });
    const events = [refused, ...Array.from({ length: 20 }, () => wireEvent())];
    shared.emulator.faults({ fail: { count: 1, error: 'ThrottlingException', retryAfterSeconds: 4 } });
    const got = await answer(testRelay(shared.url)(post({ sessionId: 's', eventList: events })));
    assertError(got, 503, 'Throttled');
    assert.equal(got.headers.get('retry-after'), '4');
    const arrived = shared.emulator.events().map((event) => event.eventId);
    assert.equal(arrived.length, 10, 'one call of 10 went through');
    assert.deepEqual([...got.json.accepted].sort(), [...arrived].sort());
    assert.deepEqual(got.json.refused.map((refusal: { eventId: string }) => refusal.eventId), [refused.eventId]);
  });

  test('a browser may not choose the trackingId: a body naming one is refused whole', async () => {
    const got = await answer(testRelay(shared.url)(post({ trackingId: 'someone-elses', sessionId: 's', eventList: [wireEvent()] })));
    assertError(got, 400, 'InvalidRequest', /trackingId/);
    assert.equal(shared.emulator.calls().PutEvents, 0);
  });
});

describe("the browser's own validator refuses events, which never reach AWS", () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an itemId over 256 characters', { itemId: 'x'.repeat(257) }, /itemId must be 1-256 characters \(got 257\)/],
    ['a reserved key inside properties', { properties: '{"UserId":"u-2"}' }, /properties must be free of reserved keys/],
    ['properties over 1024 characters', { properties: JSON.stringify({ text: 'x'.repeat(1100) }) }, /properties must be at most 1024 characters/],
    ['properties that are not JSON', { properties: '{nope' }, /properties must be a JSON object as a string/],
    ['properties that are a JSON list', { properties: '[1]' }, /properties must be a JSON object as a string \(got array\)/],
    ['a top-level field inside properties', { properties: '{"itemId":"i"}' }, /properties must be free of itemId/],
    ['26 impressions', { impression: Array.from({ length: 26 }, (_, index) => `i${index}`) }, /impression must be a list of 1-25 item ids \(got 26\)/],
    ['a recommendationId over 40 characters', { recommendationId: 'r'.repeat(41) }, /recommendationId must be 1-40 characters/],
    ['a blank attribution source', { metricAttribution: { eventAttributionSource: '   ' } }, /metricAttribution.eventAttributionSource must be/],
    ['an eventValue beyond a 32-bit float', { eventValue: 1e39 }, /eventValue must be a finite number/],
    ['no eventType', { eventType: undefined }, /eventType must be 1-256 characters/],
    ['sentAt in milliseconds beyond a Date', { sentAt: 1e16 }, /sentAt must be epoch seconds from 0 to/],
    ['a negative sentAt', { sentAt: -1 }, /sentAt must be epoch seconds/],
    ['sentAt as a string', { sentAt: '2024-06-27T18:09:20Z' }, /sentAt must be epoch seconds .*got string/],
    ['a field PutEvents does not have', { userId: 'forged' }, /userId must be absent: it is not a field of a PutEvents Event/],
    ['an event over 10,000 bytes', { impression: Array.from({ length: 25 }, (_, index) => `${index}`.padEnd(200, '\u{1F600}')) }, /the event must be at most 10000 bytes as JSON/],
  ];
  for (const [what, overrides, reason] of cases) {
    test(`${what}: refused with the field and the limit named`, async () => {
      const good = wireEvent();
      const bad = { ...wireEvent(), ...overrides };
      const got = await answer(testRelay(shared.url)(post({ sessionId: 's', eventList: [good, bad] })));
      assert.equal(got.status, 200);
      assert.deepEqual(got.json.accepted, [good.eventId]);
      assert.equal(got.json.refused.length, 1);
      assert.equal(got.json.refused[0].eventId, bad.eventId);
      assert.match(got.json.refused[0].reason, reason);
      assert.deepEqual(shared.emulator.events().map((event) => event.eventId), [good.eventId]);
    });
  }

  test('when every event is refused, no PutEvents is made and the answer is 200 with nothing accepted', async () => {
    const bad = wireEvent({ itemId: '' });
    const got = await answer(testRelay(shared.url)(post({ sessionId: 's', eventList: [bad] })));
    assert.equal(got.status, 200);
    assert.deepEqual(got.json.accepted, []);
    assert.deepEqual(got.json.refused.map((refusal: { eventId: string }) => refusal.eventId), [bad.eventId]);
    assert.equal(shared.emulator.calls().PutEvents, 0);
  });

  test('a properties key named __proto__ stays data, as track() sends it', async () => {
    const event = wireEvent({ properties: '{"__proto__":{"polluted":1}}' });
    const got = await answer(testRelay(shared.url)(post({ sessionId: 's', eventList: [event] })));
    assert.deepEqual(got.json, { accepted: [event.eventId], refused: [] });
    assert.equal(shared.emulator.events()[0]!.properties, '{"__proto__":{"polluted":1}}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('the shopper', () => {
  test('userId() replaces a forged browser userId', async () => {
    const relay = testRelay(shared.url, { userId: async (request) => (request.headers.get('cookie') === 'session=alice' ? 'alice' : undefined) });
    await answer(relay(post({ sessionId: 's', userId: 'bob', eventList: [wireEvent()] }, { headers: { cookie: 'session=alice' } })));
    await answer(relay(post({ sessionId: 's', userId: 'bob', eventList: [wireEvent()] })));
    assert.deepEqual(shared.emulator.events().map((event) => event.userId), ['alice', undefined]);
  });

  test('without userId() a browser userId is dropped, and the events still go under the sessionId', async () => {
    const got = await answer(testRelay(shared.url)(post({ sessionId: 'anon-session', userId: 'bob', eventList: [wireEvent()] })));
    assert.equal(got.status, 200);
    const [event] = shared.emulator.events();
    assert.equal(event!.sessionId, 'anon-session');
    assert.equal('userId' in event!, false);
  });

  test('with trustClientUserId the browser userId is passed through', async () => {
    await answer(testRelay(shared.url, { trustClientUserId: true })(post({ sessionId: 's', userId: 'bob', eventList: [wireEvent()] })));
    assert.equal(shared.emulator.events()[0]!.userId, 'bob');
  });

  test('an invalid id from userId(), or a throwing userId(), is the server\'s fault: 500, reported, nothing sent', async () => {
    const reported: string[] = [];
    for (const userId of [() => 'u'.repeat(257), () => '', () => Promise.reject(new Error('session store down'))]) {
      const relay = testRelay(shared.url, { userId, onError: (_error, context) => reported.push(`${context.status} ${context.code}`) });
      assertError(await answer(relay(post({ sessionId: 's', eventList: [wireEvent()] }))), 500, 'InternalError');
    }
    assert.deepEqual(reported, ['500 InternalError', '500 InternalError', '500 InternalError']);
    assert.equal(shared.emulator.calls().PutEvents, 0);
  });
});

describe('the request as a whole (400)', () => {
  const bodies: Array<[string, unknown, RegExp]> = [
    ['malformed JSON', '{"sessionId":', /must be JSON/],
    ['a JSON list', '[]', /must be a JSON object \(got array\)/],
    ['no sessionId', { eventList: [wireEvent()] }, /sessionId must be 1-256 characters/],
    ['a sessionId over 256 characters', { sessionId: 's'.repeat(257), eventList: [wireEvent()] }, /sessionId must be 1-256 characters \(got 257\)/],
    ['no events', { sessionId: 's', eventList: [] }, /eventList must be a list of 1-100 events \(got 0\)/],
    ['101 events', { sessionId: 's', eventList: Array.from({ length: 101 }, () => wireEvent()) }, /\(got 101\)/],
    ['eventList not a list', { sessionId: 's', eventList: {} }, /eventList must be a list/],
    ['an event that is not an object', { sessionId: 's', eventList: ['View'] }, /eventList\[0\] must be an object/],
    ['an event without eventId', { sessionId: 's', eventList: [{ eventType: 'View', sentAt: 1 }] }, /eventList\[0\].eventId must be 1-256 characters/],
    ['two events with one eventId', { sessionId: 's', eventList: [wireEvent({ eventId: 'same' }), wireEvent({ eventId: 'same' })] }, /must differ/],
    ['an invalid browser userId', { sessionId: 's', userId: '', eventList: [wireEvent()] }, /userId must be 1-256 characters/],
  ];
  for (const [what, body, message] of bodies) {
    test(`${what}: 400 InvalidRequest, nothing sent`, async () => {
      assertError(await answer(testRelay(shared.url)(post(body))), 400, 'InvalidRequest', message);
      assert.equal(shared.emulator.calls().PutEvents, 0);
    });
  }

  test('a body that is not UTF-8: 400', async () => {
    const request = new Request('https://shop.example/api/events', { method: 'POST', headers: { origin: 'https://shop.example', 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    assertError(await answer(testRelay(shared.url)(request)), 400, 'InvalidRequest', /UTF-8/);
  });
});

describe('PutEvents failures', () => {
  const send = () => testRelay(shared.url)(post({ sessionId: 's', eventList: [wireEvent(), wireEvent()] }));

  test('throttling: 503 Throttled with AWS\'s Retry-After, or 1 s without one; the relay itself does not retry', async () => {
    shared.emulator.faults({ fail: { count: 1, error: 'ThrottlingException', retryAfterSeconds: 7 } });
    const got = await answer(send());
    assertError(got, 503, 'Throttled');
    assert.equal(got.headers.get('retry-after'), '7');
    assert.equal(shared.emulator.calls().PutEvents, 1);
    shared.emulator.faults({ rateLimits: { PutEvents: 1 } });
    assert.equal((await answer(send())).status, 200);
    const limited = await answer(send());
    assertError(limited, 503, 'Throttled');
    assert.equal(limited.headers.get('retry-after'), '1');
  });

  test('a 429 answer: 503 Throttled', async () => {
    shared.emulator.faults({ fail: { count: 1, error: 'TooManyRequestsException' } });
    assertError(await answer(send()), 503, 'Throttled');
  });

  test('5xx: 503 ServiceUnavailable with Retry-After', async () => {
    shared.emulator.faults({ fail: { count: 1, error: 'ServiceUnavailable', retryAfterSeconds: 3 } });
    const unavailable = await answer(send());
    assertError(unavailable, 503, 'ServiceUnavailable');
    assert.equal(unavailable.headers.get('retry-after'), '3');
    shared.emulator.faults({ fail: { count: 1, error: 'InternalFailure' } });
    const internal = await answer(send());
    assertError(internal, 503, 'ServiceUnavailable');
    assert.equal(internal.headers.get('retry-after'), '1');
    assert.deepEqual(shared.emulator.events(), []);
  });

  test('a network failure (the service down): 503 ServiceUnavailable, Retry-After 1', async () => {
    shared.emulator.faults({ down: true });
    const got = await answer(send());
    assertError(got, 503, 'ServiceUnavailable');
    assert.equal(got.headers.get('retry-after'), '1');
  });

  test('AccessDeniedException: 502 AccessDenied; so are credentials AWS does not know', async () => {
    shared.emulator.faults({ fail: { count: 1, error: 'AccessDeniedException' } });
    assertError(await answer(send()), 502, 'AccessDenied');
    const wrongSecret = testRelay(shared.url, { credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'not-the-secret' } });
    assertError(await answer(wrongSecret(post({ sessionId: 's', eventList: [wireEvent()] }))), 502, 'AccessDenied', /InvalidSignatureException/);
    assert.deepEqual(shared.emulator.events(), []);
  });

  test('an unknown trackingId: 502 ResourceNotFound', async () => {
    const relay = testRelay(shared.url, { trackingId: 'not-a-tracker' });
    assertError(await answer(relay(post({ sessionId: 's', eventList: [wireEvent()] }))), 502, 'ResourceNotFound');
  });

  test('InvalidInputException for the batch: 200 with every sent event refused with AWS\'s message', async () => {
    shared.emulator.faults({ poisonItemIds: ['poisoned'] });
    const events = [wireEvent(), wireEvent({ itemId: 'poisoned' })];
    const invalid = wireEvent({ itemId: '' });
    const got = await answer(testRelay(shared.url)(post({ sessionId: 's', eventList: [...events, invalid] })));
    assert.equal(got.status, 200);
    assert.deepEqual(got.json.accepted, []);
    const reasons = Object.fromEntries(got.json.refused.map(({ eventId, reason }: { eventId: string; reason: string }) => [eventId, reason]));
    assert.deepEqual(Object.keys(reasons).sort(), [...events, invalid].map((event) => event.eventId).sort());
    assert.match(reasons[events[0]!.eventId], /eventList\[1\]\.itemId "poisoned" was rejected/);
    assert.match(reasons[invalid.eventId], /itemId must be 1-256 characters/);
  });

  test('onError hears of each failure with its answer; AWS\'s failures carry no event content by default', async () => {
    const heard: string[] = [];
    shared.emulator.faults({ fail: { count: 1, error: 'ServiceUnavailable' } });
    await testRelay(shared.url, { onError: (error, context) => heard.push(`${context.status} ${context.code} ${(error as Error).name}`) })(post({ sessionId: 's', eventList: [wireEvent()] }));
    assert.deepEqual(heard, ['503 ServiceUnavailable ServiceUnavailable']);
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (line: string) => warnings.push(line);
    try {
      shared.emulator.faults({ fail: { count: 1, error: 'AccessDeniedException' } });
      await testRelay(shared.url, { onError: undefined })(post({ sessionId: 's', eventList: [wireEvent({ itemId: 'secret-item' })] }));
    } finally {
      console.warn = original;
    }
    assert.deepEqual(warnings, ['personalize-tracker relay: answered 502 AccessDenied (AccessDeniedException)']);
  });

  test('a client of your own is used as given', async () => {
    const client = new PersonalizeEventsClient({ region: DEMO_REGION, endpoint: shared.url, credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY }, maxAttempts: 1 });
    const relay = testRelay(shared.url, { client, endpoint: 'http://127.0.0.1:1', region: 'eu-west-1' });
    assert.equal((await answer(relay(post({ sessionId: 's', eventList: [wireEvent()] })))).status, 200);
    assert.equal(shared.emulator.events().length, 1);
  });

  test('credentials may be a provider function, as the SDK\'s providers are', async () => {
    let asked = 0;
    const credentials = async () => {
      asked += 1;
      return { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY, expiration: new Date(Date.now() + 3_600_000) };
    };
    assert.equal((await answer(testRelay(shared.url, { credentials })(post({ sessionId: 's', eventList: [wireEvent()] })))).status, 200);
    assert.equal(asked, 1);
    assert.equal(shared.emulator.events().length, 1);
  });
});

describe('options', () => {
  test('unusable options throw a TypeError naming the option', () => {
    assert.throws(() => testRelay(shared.url, { trackingId: '' }), /trackingId must be 1-256 characters/);
    assert.throws(() => testRelay(shared.url, { maxBodyBytes: 0 }), /maxBodyBytes/);
    assert.throws(() => testRelay(shared.url, { allowedOrigins: ['https://shop.example/path'] }), /allowedOrigins\[0\]/);
    assert.throws(() => testRelay(shared.url, { allowedOrigins: ['*'] }), /allowedOrigins\[0\]/);
    assert.throws(() => testRelay(shared.url, { userId: 'alice' as never }), /userId must be a function/);
  });
});
