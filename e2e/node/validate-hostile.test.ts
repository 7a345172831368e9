// track()'s validation against hostile input. Each case reads a bounded number of values (counted
// through Proxies, not timed), refuses with a TypeError naming the field, or yields fields the
// emulator accepts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validatePutEvents } from '../../src/emulator/put-events';
import { MAX_PROPERTIES_LENGTH } from '../../src/shared/limits';
import { toEventFields } from '../../src/loader/validate';
import type { TrackProperties } from '../../src/types';

const map = (properties: unknown) => toEventFields('View', properties as TrackProperties, 1_719_511_760_123, () => 'generated-id');
const refusal = (call: () => unknown): string => {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof TypeError, `a TypeError, not ${error}`);
    return error.message;
  }
  assert.fail('accepted');
};
const nested = (depth: number) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('row 6: bounded work, truncated echo, TypeErrors only', () => {
  test('arrays nested 3,132 and 100,000 levels deep are refused with a TypeError, not a RangeError, after at most 1024 levels', () => {
    for (const depth of [3_132, 100_000]) {
      assert.match(refusal(() => map({ deep: nested(depth) })), /^track\(\): properties must be at most 1024 characters as JSON/);
      let levels = 0;
      let counted: unknown = 1;
      for (let i = 0; i < depth; i++) counted = new Proxy([counted], { get: (inner, key) => { if (key === '0') levels++; return Reflect.get(inner, key); } });
      assert.match(refusal(() => map({ deep: counted })), /^track\(\): properties must be at most 1024 characters as JSON/);
      assert.ok(levels <= MAX_PROPERTIES_LENGTH, `${levels} levels read of ${depth}`); // all of them before: 3 s and a RangeError
    }
  });

  test('of a properties object with 100,000 keys, at most 257 values are read before it is refused', () => {
    let reads = 0;
    const target = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const counted = new Proxy(target, { get: (inner, key) => (reads++, Reflect.get(inner, key)) });
    assert.match(refusal(() => map(counted)), /^track\(\): properties must be at most 1024 characters as JSON/);
    assert.ok(reads <= 257, `${reads} values read`); // each key takes at least 5 characters of JSON: 1024 / 4 is enough
  });

  test('a 10 MB value is not echoed whole', () => {
    const huge = '9'.repeat(10_000_000);
    for (const properties of [{ eventValue: huge }, { metricAttribution: { eventAttributionSource: huge } }, { note: huge }]) {
      assert.ok(refusal(() => map(properties)).length < 300);
    }
  });

  test('a throwing getter, Proxy trap or toJSON becomes a TypeError naming the field', () => {
    const throwing = { get price() { throw new Error('boom'); } };
    assert.match(refusal(() => map({ item: throwing })), /^track\(\): properties\.item\.price must be readable/);
    const trap = new Proxy({}, { ownKeys: () => { throw new RangeError('trap'); } });
    assert.match(refusal(() => map({ trap })), /^track\(\): properties\.trap must be readable/);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    assert.match(refusal(() => map(revoked.proxy)), /^track\(\): properties must be readable/);
    assert.match(refusal(() => map({ itemId: 'a', get eventValue() { throw 1; } })), /^track\(\): properties\.eventValue must be readable/);
  });
});

describe('row 7: holes are refused', () => {
  test('new Array(25) and a sparse impression or properties array', () => {
    assert.match(refusal(() => map({ impression: new Array(25) })), /impression\[0\] must be 1-256 characters/);
    // eslint-disable-next-line no-sparse-arrays
    assert.match(refusal(() => map({ impression: ['a', , 'b'] })), /impression\[1\] must be 1-256 characters/);
    // eslint-disable-next-line no-sparse-arrays
    assert.match(refusal(() => map({ tags: ['a', , 'b'] })), /properties\.tags\[1\] must be JSON-serialisable \(got undefined\)/);
  });
});

describe('row 8: own keys only, a null-prototype copy, the JSON re-checked', () => {
  test('an own __proto__ key is kept as data and its toJSON cannot send a userId', () => {
    const parsed = JSON.parse('{"itemId":"i","__proto__":{"colour":"red"}}');
    assert.equal(map(parsed).properties, '{"__proto__":{"colour":"red"}}');
    const smuggler = JSON.parse('{"__proto__":{}}');
    smuggler.__proto__.toJSON = () => ({ userId: 'evil' });
    assert.match(refusal(() => map(smuggler)), /properties\.__proto__\.toJSON must be JSON-serialisable \(got function\)/);
    assert.match(refusal(() => map({ nested: { toJSON: () => ({ userId: 'evil' }) } })), /JSON-serialisable \(got function\)/);
  });

  test('an enumerable key on Object.prototype is neither tracked nor fatal', () => {
    Object.defineProperty(Object.prototype, 'polluted', { value: 'x', enumerable: true, configurable: true });
    try {
      assert.deepEqual(map({ itemId: 'i', colour: 'red' }), { eventType: 'View', eventId: 'generated-id', sentAt: 1_719_511_760_123, itemId: 'i', properties: '{"colour":"red"}' });
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  test('a toJSON another script put on Object.prototype cannot replace the properties with a userId', () => {
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => ({ userId: 'evil' }), configurable: true, writable: true });
    try {
      assert.equal(map({ colour: 'red' }).properties, '{"colour":"red"}');
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
    }
  });
});

describe('row 9: eventValue', () => {
  test('decimal strings only', () => {
    for (const value of ['0x10', '0b101', '0o7', 'Infinity', ' ', '1_000', '1e39']) assert.match(refusal(() => map({ eventValue: value })), /^track\(\): eventValue must be/);
    assert.equal(map({ eventValue: '-4.5e2' }).eventValue, -450);
    assert.equal(map({ eventValue: '.5' }).eventValue, 0.5);
  });

  test('finite as a 32-bit float, and the tracker\'s own TypeError for any type', () => {
    assert.equal(map({ eventValue: 3.4028234663852886e38 }).eventValue, 3.4028234663852886e38);
    for (const value of [1e39, -1e39, 3.5e38, 1n, Symbol('s'), {}, null, true]) assert.match(refusal(() => map({ eventValue: value })), /^track\(\): eventValue must be a finite number/);
  });
});

describe('row 15: lengths in Unicode code points', () => {
  test('256 emoji are an itemId; 1,208 UTF-16 units of under 1,024 code points are properties', () => {
    const emoji = '😀'.repeat(256);
    assert.equal(map({ itemId: emoji }).itemId, emoji);
    assert.match(refusal(() => map({ itemId: emoji + '😀' })), /itemId must be 1-256 characters \(got 257\)/); // was refused at 256
    const note = '😀'.repeat(600) + 'x'.repeat(400); // 1,600 UTF-16 units, 1,000 code points
    assert.equal([...map({ note }).properties!].length, 1_011);
  });
});

describe('the emulator accepts what track() accepts', () => {
  test('the cases above that pass', () => {
    const fields = [map(JSON.parse('{"itemId":"i","__proto__":{"colour":"red"}}')), map({ eventValue: '.5' }), map({ itemId: '😀'.repeat(256) })];
    for (const event of fields) {
      const { sentAt, ...rest } = event;
      assert.equal(typeof validatePutEvents({ trackingId: 't', sessionId: 's', eventList: [{ ...rest, sentAt: sentAt / 1000 }] }), 'object');
    }
  });
});

describe('reentrancy: a getter that calls track() mid-validation', () => {
  test('cannot lift the length bound of the call it interrupts: the outer copy still stops within the limit', () => {
    let getterReads = 0;
    // Each item's getter validates another event with properties, as a hostile page's track() would.
    const items = Array.from({ length: 100_000 }, () => ({
      get reenter() {
        getterReads++;
        map({ note: 'inner' });
        return 1;
      },
    }));
    assert.match(refusal(() => map({ items })), /^track\(\): properties must be at most 1024 characters as JSON/);
    // Each item costs at least 1 + 10 characters of the budget: at most ~100 getters may run, not 100,000.
    assert.ok(getterReads <= MAX_PROPERTIES_LENGTH / 10, `${getterReads} getters ran`);
  });

});
