// Unit tests of track()'s validation and mapping: every PutEvents limit is refused up front with a
// TypeError naming the field and the limit, and valid input maps onto the Event fields.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TrackProperties } from '../../src/types';
import { toEventFields } from '../../src/loader/validate';

const SENT_AT = 1_719_511_760_123;
const map = (eventType: unknown, properties?: TrackProperties) => toEventFields(eventType, properties, SENT_AT, () => 'generated-id');
const long = (length: number) => 'x'.repeat(length);

describe('toEventFields maps track() onto Event fields', () => {
  test('top-level fields, properties as a JSON string, generated eventId and the given sentAt', () => {
    assert.deepEqual(map('MovieRating', { itemId: 'movie3', eventValue: 4, genre: 'drama', numberOfRatings: 12 }), {
      eventType: 'MovieRating',
      eventId: 'generated-id',
      sentAt: SENT_AT,
      itemId: 'movie3',
      eventValue: 4,
      properties: '{"genre":"drama","numberOfRatings":12}',
    });
  });

  test('a numeric string eventValue is accepted, as in the seed example', () => {
    assert.equal(map('MovieRating', { eventValue: '4.5' }).eventValue, 4.5);
  });

  test('impression, recommendationId, eventId and metricAttribution stay top level', () => {
    const fields = map('Click', {
      itemId: 'r3',
      impression: ['r1', 'r2', 'r3'],
      recommendationId: 'rec-123',
      eventId: 'my-event',
      metricAttribution: { eventAttributionSource: 'email' },
    });
    assert.deepEqual(fields.impression, ['r1', 'r2', 'r3']);
    assert.equal(fields.recommendationId, 'rec-123');
    assert.equal(fields.eventId, 'my-event');
    assert.deepEqual(fields.metricAttribution, { eventAttributionSource: 'email' });
    assert.equal(fields.properties, undefined);
  });

  test('the same object twice (not a cycle) and dates are accepted', () => {
    const shared = { id: 1 };
    assert.equal(map('View', { a: shared, b: [shared], when: new Date(0) }).properties, '{"a":{"id":1},"b":[{"id":1}],"when":"1970-01-01T00:00:00.000Z"}');
  });

  test('undefined properties are left out rather than refused', () => {
    assert.equal(map('View', { itemId: 'a', colour: undefined }).properties, undefined);
  });

  test('limits at their boundary are accepted', () => {
    const atLimit = map(long(256), {
      itemId: long(256),
      eventId: long(256),
      recommendationId: long(40),
      impression: Array.from({ length: 25 }, () => long(256)),
      note: long(1024 - '{"note":""}'.length),
    });
    assert.equal(atLimit.properties?.length, 1024);
  });
});

const REFUSED: [string, () => unknown, RegExp][] = [
  ['empty eventType', () => map(''), /eventType must be 1-256 characters \(got 0\)/],
  ['eventType too long', () => map(long(257)), /eventType must be 1-256 characters \(got 257\)/],
  ['eventType not a string', () => map(42), /eventType must be 1-256 characters \(got number 42\)/],
  ['itemId too long', () => map('View', { itemId: long(300) }), /^track\(\): itemId must be 1-256 characters \(got 300\)$/],
  ['empty itemId', () => map('View', { itemId: '' }), /itemId must be 1-256 characters \(got 0\)/],
  ['itemId not a string', () => map('View', { itemId: 7 as unknown as string }), /itemId must be 1-256 characters \(got number 7\)/],
  ['eventId too long', () => map('View', { eventId: long(257) }), /eventId must be 1-256 characters/],
  ['recommendationId too long', () => map('View', { recommendationId: long(41) }), /recommendationId must be 1-40 characters \(got 41\)/],
  ['non-numeric eventValue', () => map('Rate', { eventValue: 'four' }), /eventValue must be a finite number/],
  ['NaN eventValue', () => map('Rate', { eventValue: Number.NaN }), /eventValue must be a finite number/],
  ['empty string eventValue', () => map('Rate', { eventValue: '' }), /eventValue must be a finite number/],
  ['26 impressions', () => map('View', { impression: Array.from({ length: 26 }, (_, i) => `i${i}`) }), /impression must be a list of 1-25 item ids \(got 26\)/],
  ['empty impression', () => map('View', { impression: [] }), /impression must be a list of 1-25/],
  ['impression id too long', () => map('View', { impression: ['a', long(257)] }), /impression\[1\] must be 1-256 characters/],
  ['properties over 1024 characters', () => map('View', { note: long(1100) }), /^track\(\): properties must be at most 1024 characters as JSON \(got 1111\)$/],
  ['a function in properties', () => map('View', { callback: () => 1 }), /properties.callback must be JSON-serialisable \(got function\)/],
  ['a circular object (its JSON never ends)', () => { const loop: Record<string, unknown> = {}; loop.self = loop; return map('View', { loop }); }, /properties must be at most 1024 characters as JSON/],
  ['an array containing itself (its JSON never ends)', () => { const list: unknown[] = []; list.push(list); return map('View', { list }); }, /properties must be at most 1024 characters as JSON/],
  ['a nested function', () => map('View', { deep: { list: [1, () => 2] } }), /properties.deep.list\[1\] must be JSON-serialisable \(got function\)/],
  ['Infinity in properties', () => map('View', { score: Infinity }), /properties.score must be JSON-serialisable \(got number Infinity\)/],
  ['a bigint in properties', () => map('View', { big: 1n }), /properties.big must be JSON-serialisable \(got bigint\)/],
  ['a Map in properties', () => map('View', { lookup: new Map() }), /properties.lookup must be JSON-serialisable \(got a class instance\)/],
  ['metricAttribution blank', () => map('View', { metricAttribution: { eventAttributionSource: '   ' } }), /eventAttributionSource must be 1-1024 printable ASCII characters, not blank \(got "   "\)/],
  ['metricAttribution not ASCII', () => map('View', { metricAttribution: { eventAttributionSource: 'café' } }), /printable ASCII/],
  ['properties not an object', () => map('View', 'movie3' as unknown as TrackProperties), /properties must be an object \(got "movie3"\)/],
];
// recommendationId and impression are top-level fields when spelled exactly; any other casing is a property key.
for (const key of ['userId', 'SESSIONID', 'eventType', 'Timestamp', 'RecommendationID', 'IMPRESSION']) {
  REFUSED.push([`reserved key ${key}`, () => map('View', { [key]: 'x' }), new RegExp(`^track\\(\\): properties must be free of reserved keys in any casing \\(got "${key}"\\)$`)]);
}

describe('invalid input throws a TypeError naming the field and the limit', () => {
  for (const [name, call, message] of REFUSED) {
    test(name, () => {
      assert.throws(call, (error: unknown) => error instanceof TypeError && message.test(error.message));
    });
  }
});
