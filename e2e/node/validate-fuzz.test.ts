// track()'s validation fed 10,000 generated hostile inputs (deep and wide structures, getters,
// Proxies, symbols, BigInt, sparse arrays, huge strings, control characters, prototype keys). Every
// case ends in fields the emulator's PutEvents validator accepts, or in a TypeError that names a
// field. The work per case is bounded by counting, not timing (validate-hostile.test.ts, row 6):
// a clock on a shared CI machine measures its neighbours too. The slowest case is printed as a figure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validatePutEvents } from '../../src/emulator/put-events';
import { toEventFields } from '../../src/loader/validate';
import type { TrackProperties } from '../../src/types';

const CASES = 10_000;
const FIELD_ERROR = /^track\(\): (eventType|itemId|eventValue|impression|recommendationId|eventId|metricAttribution|properties)\b[^]* (must be|may not contain) /;

// Built once: the large inputs cost their construction, not the tracker's time.
const nestedArrays = (depth: number) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const nestedObjects = (depth: number) => {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
};
const wide = (keys: number) => Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]));
const LARGE = [
  'x'.repeat(10_000_000),
  '9'.repeat(1_000_000),
  '😀'.repeat(100_000),
  nestedArrays(3_132),
  nestedArrays(100_000),
  nestedObjects(5_000),
  wide(5_000),
  wide(20_000), // as the properties object too: its keys were all read, 15 ms; Object.keys itself takes ~0.2 µs a key
  new Array(2 ** 31),
  new Array(25),
  Array.from({ length: 100_000 }, (_, i) => i),
];

// fast-check generates recipes (plain data it can inspect, print and shrink); build() turns each into
// the hostile value, so that fast-check itself never touches a Proxy or a throwing getter.
type Recipe =
  | ['primitive', unknown]
  | ['special', number]
  | ['large', number]
  | ['array', (Recipe | undefined)[]]
  | ['object', [string, Recipe][], boolean]
  | ['hostile', number, Recipe];

const SPECIAL: unknown[] = [null, undefined, 1e39, -1e39, 3.4028234663852886e38, 3.5e38, Symbol('s'), Symbol.iterator, () => 1, new Date(0), new Date(Number.NaN), new Map([[1, 2]]), new (class Money {})(), /re/, new Uint8Array(3)];

/** Wraps a value in a hostile accessor: a getter, a throwing getter, or a Proxy with one trap behaviour. */
function hostile(value: unknown, kind: number): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    if (kind % 2 === 0) return { get value() { return value; } };
    return { get value() { throw new Error('getter'); } };
  }
  const target = value as object;
  switch (kind % 6) {
    case 0: return new Proxy(target, {});
    case 1: return new Proxy(target, { ownKeys: () => { throw new Error('ownKeys'); } });
    case 2: return new Proxy(target, { get: (inner, key) => (key === 'toJSON' ? () => ({ userId: 'evil' }) : Reflect.get(inner, key)) });
    case 3: return new Proxy(target, { getPrototypeOf: () => { throw new Error('getPrototypeOf'); } });
    case 4: { const revocable = Proxy.revocable(target, {}); revocable.revoke(); return revocable.proxy; }
    default: return Object.defineProperty({ inner: target }, 'sneaky', { enumerable: true, get: () => { throw new TypeError('not ours'); } });
  }
}

function build(recipe: Recipe): unknown {
  switch (recipe[0]) {
    case 'primitive': return recipe[1];
    case 'special': return SPECIAL[recipe[1] % SPECIAL.length];
    case 'large': return LARGE[recipe[1] % LARGE.length];
    case 'array': {
      const list: unknown[] = new Array(recipe[1].length); // holes stay holes
      recipe[1].forEach((item, index) => (list[index] = item === undefined ? undefined : build(item)));
      return list;
    }
    case 'object': {
      const object: Record<string, unknown> = recipe[2] ? Object.create(null) : {};
      // defineProperty: an own "__proto__" key is data, as JSON.parse makes it
      for (const [key, item] of recipe[1]) Object.defineProperty(object, key, { value: build(item), enumerable: true, writable: true, configurable: true });
      return object;
    }
    case 'hostile': return hostile(build(recipe[2]), recipe[1]);
  }
}

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), maxLength: 20 });
const strings = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 300 }), // astral characters and lone surrogates
  controlChars,
  fc.constantFrom('', ' ', 'in', 'userId', 'USERID', '__proto__', 'toJSON', 'constructor', 'eventId', '0x10', '0b101', '0o7', '1e39', '-4.5e2', '.5', 'Infinity', 'NaN'),
  fc.double().map(String),
);
const keys = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toJSON', 'valueOf', 'userId', 'SessionId', 'eventType', 'TIMESTAMP', 'recommendationId', 'Impression', 'itemId', 'eventValue', 'impression', 'eventId', 'metricAttribution', 'length', '0'),
);
const stringRecipe = strings.map((value): Recipe => ['primitive', value]);
const { value: values } = fc.letrec<{ value: Recipe }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(strings, fc.double(), fc.integer(), fc.bigInt(), fc.boolean()).map((value): Recipe => ['primitive', value]),
    fc.nat().map((index): Recipe => ['special', index]),
    fc.nat().map((index): Recipe => ['large', index]),
    fc.array(tie('value'), { maxLength: 8 }).map((items): Recipe => ['array', items]),
    fc.sparseArray(tie('value'), { maxLength: 30 }).map((items): Recipe => ['array', items]),
    fc.tuple(fc.array(fc.tuple(keys, tie('value')), { maxLength: 8 }), fc.boolean()).map(([entries, bare]): Recipe => ['object', entries, bare]),
    fc.tuple(fc.nat(), tie('value')).map(([kind, inner]): Recipe => ['hostile', kind, inner]),
  ),
}));

const KNOWN_KEYS = ['itemId', 'eventValue', 'impression', 'recommendationId', 'eventId', 'metricAttribution'];
const known = fc.oneof(
  stringRecipe,
  values,
  fc.array(stringRecipe, { maxLength: 30 }).map((items): Recipe => ['array', items]),
  fc.sparseArray(stringRecipe, { maxLength: 26 }).map((items): Recipe => ['array', items]),
  fc.oneof(stringRecipe, values).map((source): Recipe => ['object', [['eventAttributionSource', source]], false]),
);
// Plausible calls too, with a hostile touch here and there, so that the accepting path is fuzzed as well.
const plainValue = (value: unknown): Recipe =>
  Array.isArray(value) ? ['array', value.map(plainValue)]
  : value !== null && typeof value === 'object' ? ['object', Object.entries(value).map(([key, item]): [string, Recipe] => [key, plainValue(item)]), false]
  : ['primitive', value];
const plausible = fc.tuple(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String), fc.constant(undefined)),
  fc.dictionary(keys, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.option(values, { freq: 4 }),
).map(([itemId, eventValue, extra, touch]): Recipe => ['object', [
  ['itemId', ['primitive', itemId]],
  ['eventValue', ['primitive', eventValue]],
  ...Object.entries(extra).map(([key, item]): [string, Recipe] => [key, plainValue(item)]),
  ...(touch ? [['touch', touch] as [string, Recipe]] : []),
], false]);

const properties = fc.oneof(
  { weight: 4, arbitrary: plausible },
  { weight: 6, arbitrary: fc.tuple(fc.subarray(KNOWN_KEYS), fc.array(known, { minLength: 6, maxLength: 6 }), fc.array(fc.tuple(keys, values), { maxLength: 6 })).map(
    ([chosen, knownValues, extra]): Recipe => ['object', [...extra, ...chosen.map((key, index): [string, Recipe] => [key, knownValues[index]])], false],
  ) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.array(fc.tuple(keys, values), { maxLength: 6 })).map(([kind, entries]): Recipe => ['hostile', kind, ['object', entries, false]]) },
  { weight: 1, arbitrary: values },
  { weight: 1, arbitrary: fc.constant<Recipe>(['object', [['itemId', ['primitive', 'i']], ['__proto__', ['object', [['toJSON', ['special', 8]], ['userId', ['primitive', 'evil']]], false]]], false]) },
);
const eventTypes = fc.oneof({ weight: 8, arbitrary: fc.constant<Recipe>(['primitive', 'View']) }, { weight: 1, arbitrary: stringRecipe }, { weight: 1, arbitrary: values });

type Outcome = { fields?: ReturnType<typeof toEventFields>; error?: unknown };
function timed(eventType: unknown, props: unknown): { outcome: Outcome; ms: number } {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = { fields: toEventFields(eventType, props as TrackProperties, 1_719_511_760_123, () => 'generated-id') };
  } catch (error) {
    outcome = { error };
  }
  return { outcome, ms: performance.now() - started };
}

test(`${CASES} hostile track() inputs: accepted by the emulator or a TypeError naming a field, with the slowest case printed`, () => {
  let slowest = 0;
  let accepted = 0;
  const runStarted = performance.now();
  fc.assert(
    fc.property(eventTypes, properties, (eventTypeRecipe, propertiesRecipe) => {
      const eventType = build(eventTypeRecipe);
      const props = build(propertiesRecipe);
      const { outcome, ms } = timed(eventType, props);
      slowest = Math.max(slowest, ms);
      if (outcome.error !== undefined) {
        assert.ok(outcome.error instanceof TypeError, `not a TypeError: ${String(outcome.error)}`);
        assert.match(outcome.error.message, FIELD_ERROR);
        assert.ok(outcome.error.message.length < 400, 'the echoed value is cut short');
        return;
      }
      const { sentAt, ...event } = outcome.fields!;
      const verdict = validatePutEvents({ trackingId: 'tracker', sessionId: 'session', eventList: [{ ...event, sentAt: sentAt / 1000 }] });
      assert.equal(typeof verdict, 'object', `the emulator refused what track() accepted: ${verdict}`);
      accepted++;
    }),
    { numRuns: CASES, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
  );
  const runMs = performance.now() - runStarted;
  console.log(`fuzz: ${CASES} cases in ${(runMs / 1000).toFixed(1)} s, ${accepted} accepted; slowest case ${slowest.toFixed(2)} ms`);
  assert.ok(accepted > CASES / 20, `only ${accepted} cases were accepted: the generator hardly reaches the valid path`);
});
