// Every PutEvents limit, table-driven: bodies signed by the real SDK (the body is swapped in before
// signing), refused with 400 InvalidInputException naming the field, and the boundaries accepted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PutEventsCommand, type PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { DEMO_TRACKING_ID, control, eventsClient, rejectsWith, sendRawBody, validInput } from './emulator-helpers';

type Body = Record<string, unknown> & { eventList: Array<Record<string, unknown>> };

/** A valid body; each case changes one thing. */
function body(eventChanges: Record<string, unknown> = {}, topChanges: Record<string, unknown> = {}): Body {
  return {
    trackingId: DEMO_TRACKING_ID,
    sessionId: 'session-1',
    userId: 'user-1',
    eventList: [{ eventType: 'click', sentAt: 1719511760.123, eventId: 'event-1', itemId: 'item-1', ...eventChanges }],
    ...topChanges,
  };
}

function without(object: Record<string, unknown>, key: string): Body {
  const copy = structuredClone(object) as Body;
  delete copy[key];
  return copy;
}

function withoutEventField(key: string): Body {
  const copy = body();
  delete copy.eventList[0]![key];
  return copy;
}

function events(count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, index) => ({ eventType: 'view', sentAt: 1719511760 + index, eventId: `event-${index}` }));
}

const LONG_ID = 'a'.repeat(257);
/** A JSON object string of exactly `length` characters. */
function propertiesOfLength(length: number): string {
  const text = `{"note":"${'x'.repeat(length - 11)}"}`;
  assert.equal(text.length, length);
  return text;
}

const REFUSED: Array<[string, unknown, string]> = [
  ['body is a JSON array', [], 'The request body must be a JSON object (got array)'],
  ['trackingId missing', without(body(), 'trackingId'), 'trackingId is required'],
  ['trackingId empty', body({}, { trackingId: '' }), 'trackingId must be 1-256 characters (got 0)'],
  ['trackingId 257 chars', body({}, { trackingId: LONG_ID }), 'trackingId must be 1-256 characters (got 257)'],
  ['trackingId a number', body({}, { trackingId: 7 }), 'trackingId must be a string (got number)'],
  ['sessionId missing', without(body(), 'sessionId'), 'sessionId is required'],
  ['sessionId null', body({}, { sessionId: null }), 'sessionId is required'],
  ['sessionId empty', body({}, { sessionId: '' }), 'sessionId must be 1-256 characters (got 0)'],
  ['sessionId 257 chars', body({}, { sessionId: LONG_ID }), 'sessionId must be 1-256 characters (got 257)'],
  ['sessionId an object', body({}, { sessionId: { id: 1 } }), 'sessionId must be a string (got object)'],
  ['userId empty', body({}, { userId: '' }), 'userId must be 1-256 characters (got 0)'],
  ['userId 257 chars', body({}, { userId: LONG_ID }), 'userId must be 1-256 characters (got 257)'],
  ['userId a number', body({}, { userId: 12 }), 'userId must be a string (got number)'],
  ['userId null', body({}, { userId: null }), 'userId must be a string (got null)'],
  ['an event over 10 KB (25 impressions of 256 two-byte characters)', body({ impression: Array.from({ length: 25 }, () => 'é'.repeat(256)) }),
    'eventList[0] is 12973 bytes of JSON; an event may be at most 10000 bytes'],
  ['eventList missing', without(body(), 'eventList'), 'eventList is required'],
  ['eventList empty', body({}, { eventList: [] }), 'eventList must contain 1-10 events (got 0)'],
  ['eventList 11 events', body({}, { eventList: events(11) }), 'eventList must contain 1-10 events (got 11)'],
  ['eventList an object', body({}, { eventList: { eventType: 'x' } }), 'eventList must be a list (got object)'],
  ['event a string', body({}, { eventList: ['click'] }), 'eventList[0] must be an object (got string)'],
  ['eventType missing', withoutEventField('eventType'), 'eventList[0].eventType is required'],
  ['eventType empty', body({ eventType: '' }), 'eventList[0].eventType must be 1-256 characters (got 0)'],
  ['eventType 257 chars', body({ eventType: LONG_ID }), 'eventList[0].eventType must be 1-256 characters (got 257)'],
  ['eventType a boolean', body({ eventType: true }), 'eventList[0].eventType must be a string (got boolean)'],
  ['sentAt missing', withoutEventField('sentAt'), 'eventList[0].sentAt is required'],
  ['sentAt an ISO string', body({ sentAt: '2024-06-27T18:09:20Z' }), 'eventList[0].sentAt must be a number of epoch seconds (got string)'],
  ['sentAt negative', body({ sentAt: -1 }), 'eventList[0].sentAt must not be negative (got -1)'],
  ['eventId empty', body({ eventId: '' }), 'eventList[0].eventId must be 1-256 characters (got 0)'],
  ['eventId 257 chars', body({ eventId: LONG_ID }), 'eventList[0].eventId must be 1-256 characters (got 257)'],
  ['eventId a number', body({ eventId: 1 }), 'eventList[0].eventId must be a string (got number)'],
  ['itemId empty', body({ itemId: '' }), 'eventList[0].itemId must be 1-256 characters (got 0)'],
  ['itemId 300 chars in the 4th event', body({}, { eventList: [...events(3), { eventType: 'view', sentAt: 1, itemId: 'i'.repeat(300) }] }), 'eventList[3].itemId must be 1-256 characters (got 300)'],
  ['itemId a list', body({ itemId: ['a'] }), 'eventList[0].itemId must be a string (got array)'],
  ['eventValue "NaN"', body({ eventValue: 'NaN' }), 'eventList[0].eventValue must be a finite number (got string "NaN")'],
  ['eventValue a numeric string', body({ eventValue: '4.5' }), 'eventList[0].eventValue must be a finite number (got string "4.5")'],
  ['eventValue null', body({ eventValue: null }), 'eventList[0].eventValue must be a finite number (got null)'],
  ['eventValue past a 32-bit float', body({ eventValue: 1e39 }), 'eventList[0].eventValue must fit a 32-bit float, at most 3.4028234663852886e+38 in magnitude (got 1e+39)'],
  ['recommendationId empty', body({ recommendationId: '' }), 'eventList[0].recommendationId must be 1-40 characters (got 0)'],
  ['recommendationId 41 chars', body({ recommendationId: 'r'.repeat(41) }), 'eventList[0].recommendationId must be 1-40 characters (got 41)'],
  ['recommendationId a number', body({ recommendationId: 5 }), 'eventList[0].recommendationId must be a string (got number)'],
  ['impression empty', body({ impression: [] }), 'eventList[0].impression must contain 1-25 item ids (got 0)'],
  ['impression 26 ids', body({ impression: Array.from({ length: 26 }, (_, i) => `i${i}`) }), 'eventList[0].impression must contain 1-25 item ids (got 26)'],
  ['impression a string', body({ impression: 'a,b' }), 'eventList[0].impression must be a list (got string)'],
  ['impression id 257 chars', body({ impression: ['a', LONG_ID] }), 'eventList[0].impression[1] must be 1-256 characters (got 257)'],
  ['impression id empty', body({ impression: [''] }), 'eventList[0].impression[0] must be 1-256 characters (got 0)'],
  ['impression id a number', body({ impression: [3] }), 'eventList[0].impression[0] must be a string (got number)'],
  ['metricAttribution a string', body({ metricAttribution: 'ads' }), 'eventList[0].metricAttribution must be an object (got string)'],
  ['attribution source missing', body({ metricAttribution: {} }), 'eventList[0].metricAttribution.eventAttributionSource is required'],
  ['attribution source empty', body({ metricAttribution: { eventAttributionSource: '' } }), 'eventList[0].metricAttribution.eventAttributionSource must be 1-1024 characters (got 0)'],
  ['attribution source blank', body({ metricAttribution: { eventAttributionSource: '   ' } }), 'eventList[0].metricAttribution.eventAttributionSource must be printable ASCII and not blank (got "   ")'],
  ['attribution source 1025 chars', body({ metricAttribution: { eventAttributionSource: 's'.repeat(1025) } }), 'eventList[0].metricAttribution.eventAttributionSource must be 1-1024 characters (got 1025)'],
  ['attribution source non-ASCII', body({ metricAttribution: { eventAttributionSource: 'café' } }), 'eventList[0].metricAttribution.eventAttributionSource must be printable ASCII and not blank (got "café")'],
  ['attribution source with a newline', body({ metricAttribution: { eventAttributionSource: 'a\nb' } }), 'eventList[0].metricAttribution.eventAttributionSource must be printable ASCII and not blank (got "a\\nb")'],
  ['properties an object', body({ properties: { color: 'red' } }), 'eventList[0].properties must be a string (got object)'],
  ['properties empty', body({ properties: '' }), 'eventList[0].properties must be 1-1024 characters (got 0)'],
  ['properties 1025 chars', body({ properties: propertiesOfLength(1025) }), 'eventList[0].properties must be 1-1024 characters (got 1025)'],
  ['properties a JSON array', body({ properties: '[1,2]' }), 'eventList[0].properties must be a JSON object (got array)'],
  ['properties JSON null', body({ properties: 'null' }), 'eventList[0].properties must be a JSON object (got null)'],
  ['properties a JSON number', body({ properties: '42' }), 'eventList[0].properties must be a JSON object (got number)'],
  ['properties a JSON string', body({ properties: '"red"' }), 'eventList[0].properties must be a JSON object (got string)'],
  ...(['USERID', 'SessionId', 'eventtype', 'TimeStamp', 'recommendationID', 'Impression'].map((key): [string, unknown, string] => [
    `properties with reserved key ${key}`,
    body({ properties: JSON.stringify({ color: 'red', [key]: 'x' }) }),
    `eventList[0].properties must not contain the reserved key "${key}"`,
  ])),
];

let emulator: Emulator;
let client: PersonalizeEventsClient;

before(async () => {
  emulator = await startEmulator({ port: 0, trackingIds: ['t'.repeat(256)] });
  client = eventsClient(emulator.url);
});
after(() => emulator.close());

describe('refused PutEvents bodies', () => {
  for (const [name, refused, message] of REFUSED) {
    test(name, async () => {
      await rejectsWith(sendRawBody(client, refused), { name: 'InvalidInputException', status: 400, message: new RegExp(`^${escape(message)}`) });
    });
  }

  test('properties that are not JSON name the field', async () => {
    await rejectsWith(sendRawBody(client, body({ properties: '{color: red}' })), {
      name: 'InvalidInputException', status: 400, message: /^eventList\[0\]\.properties must be a JSON object but is not valid JSON/,
    });
  });

  test('what the SDK itself serializes wrongly is refused too: NaN eventValue, 11 events', async () => {
    const nan = validInput({ eventList: [{ eventType: 'rate', sentAt: new Date(), eventValue: Number.NaN }] });
    await rejectsWith(client.send(new PutEventsCommand(nan)), { name: 'InvalidInputException', status: 400, message: /^eventList\[0\]\.eventValue must be a finite number/ });
    const eleven = validInput({ eventList: Array.from({ length: 11 }, () => ({ eventType: 'view', sentAt: new Date() })) });
    await rejectsWith(client.send(new PutEventsCommand(eleven)), { name: 'InvalidInputException', status: 400, message: /got 11/ });
  });

  test('malformed JSON is refused with SerializationException', async () => {
    await rejectsWith(sendRawBody(client, '{"trackingId": '), { name: 'SerializationException', status: 400, message: /not valid JSON/ });
  });

  test('a body over 1 MiB is refused with 413 RequestEntityTooLarge', async () => {
    const huge = JSON.stringify(body({ properties: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) }));
    await rejectsWith(sendRawBody(client, huge), { name: 'RequestEntityTooLarge', status: 413 });
  });

  test('every refusal is in the request log with its error; none reached the event log', async () => {
    const { requests } = await control<{ requests: Array<{ status: number; errorType?: string; message?: string }> }>(emulator.url, 'requests');
    const invalid = requests.filter((request) => request.errorType === 'InvalidInputException');
    assert.ok(invalid.length >= REFUSED.length, `${invalid.length} refusals logged`);
    assert.ok(invalid.every((request) => request.status === 400 && typeof request.message === 'string'));
    const { events } = await control<{ events: unknown[] }>(emulator.url, 'events');
    assert.deepEqual(events, []);
  });
});

describe('boundaries that must be accepted', () => {
  const id256 = 'a'.repeat(256);
  const ACCEPTED: Array<[string, unknown]> = [
    ['256-character ids everywhere', body(
      { eventType: id256, eventId: id256, itemId: id256, impression: [id256] },
      { trackingId: 't'.repeat(256), sessionId: id256, userId: id256 },
    )],
    ['1-character ids, no userId', without(body({ eventType: 'a', eventId: 'b', itemId: 'c' }, { sessionId: 's' }), 'userId')],
    ['10 events', body({}, { eventList: events(10) })],
    ['25 impressions', body({ impression: Array.from({ length: 25 }, (_, i) => `item-${i}`) })],
    ['1024-character properties', body({ properties: propertiesOfLength(1024) })],
    ['properties with ordinary keys', body({ properties: '{"itemId":"x","eventValue":"4.5","numberOfRatings":"12","userIdHash":"abc"}' })],
    ['40-character recommendationId', body({ recommendationId: 'r'.repeat(40) })],
    ['1024-character attribution source with inner spaces', body({ metricAttribution: { eventAttributionSource: ` ${'s'.repeat(1022)} ` } })],
    ['eventValue 0 and sentAt as an integer', body({ eventValue: 0, sentAt: 1719511760 })],
    ['eventValue the largest 32-bit float', body({ eventValue: -3.4028234663852886e38 })],
    ['every field at its longest in ASCII (a 9,520-byte event)', body({
      eventType: 'e'.repeat(256), eventId: id256, itemId: id256, eventValue: 0.5, recommendationId: 'r'.repeat(40),
      impression: Array.from({ length: 25 }, () => id256), metricAttribution: { eventAttributionSource: 's'.repeat(1024) },
      properties: propertiesOfLength(1024),
    })],
  ];
  for (const [name, accepted] of ACCEPTED) {
    test(name, async () => {
      const output = (await sendRawBody(client, accepted)) as { $metadata: { httpStatusCode?: number } };
      assert.equal(output.$metadata.httpStatusCode, 200);
    });
  }

  test('accepted boundary events are logged as sent', async () => {
    const { events: logged } = await control<{ events: Array<Record<string, unknown>> }>(emulator.url, 'events');
    assert.ok(logged.some((event) => event.trackingId === 't'.repeat(256) && event.itemId === id256));
    assert.ok(logged.some((event) => event.properties === propertiesOfLength(1024)));
    assert.ok(logged.some((event) => event.sessionId === 's' && !('userId' in event)), 'an absent userId is not logged');
  });
});

describe('lengths count code points, as the model\'s Smithy @length does', () => {
  const emoji = (count: number) => '\u{1F600}'.repeat(count); // 2 UTF-16 units each

  test('an itemId of 256 emoji (512 UTF-16 units) is accepted and logged whole', async () => {
    const output = (await sendRawBody(client, body({ itemId: emoji(256), eventId: 'emoji-256' }))) as { $metadata: { httpStatusCode?: number } };
    assert.equal(output.$metadata.httpStatusCode, 200);
    const { events: logged } = await control<{ events: Array<Record<string, unknown>> }>(emulator.url, 'events');
    assert.equal(logged.find((event) => event.eventId === 'emoji-256')?.itemId, emoji(256));
  });

  test('an itemId of 257 emoji is refused, counted as 257', async () => {
    await rejectsWith(sendRawBody(client, body({ itemId: emoji(257) })), {
      name: 'InvalidInputException', status: 400, message: 'eventList[0].itemId must be 1-256 characters (got 257)',
    });
  });

  test('properties of 1024 code points (1208 UTF-16 units) are accepted, 1025 refused', async () => {
    const properties = (extra: number) => `{"t":"${emoji(184)}${'x'.repeat(1024 - 8 - 184 + extra)}"}`;
    assert.equal(properties(0).length, 1208);
    const output = (await sendRawBody(client, body({ properties: properties(0) }))) as { $metadata: { httpStatusCode?: number } };
    assert.equal(output.$metadata.httpStatusCode, 200);
    await rejectsWith(sendRawBody(client, body({ properties: properties(1) })), {
      name: 'InvalidInputException', status: 400, message: 'eventList[0].properties must be 1-1024 characters (got 1025)',
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
