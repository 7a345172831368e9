// Turns one track() call into the Event fields PutEvents accepts, or throws a TypeError that names
// the field and the limit. Pure: no clock, no storage, so it is unit-tested and fuzzed in Node.
// Written for hostile input (e2e/node/validate-hostile.test.ts): each own enumerable key
// (Object.keys) is read once, so a key another script put on Object.prototype changes nothing;
// the extra properties are copied into null-prototype objects, so an own `__proto__` is data and
// no toJSON runs on them; the copy stops as soon as its JSON would pass the limit, which also
// bounds its depth, so any input returns in a few milliseconds; whatever a getter or Proxy trap
// throws becomes our TypeError naming the field. The reading's state lives in the call, so a
// getter that calls track() again cannot lift that bound.
// Lengths count code points, as the service model's Smithy `@length` does
// (https://smithy.io/2.0/spec/constraint-traits.html#length-trait).
import { MAX_ATTRIBUTION_SOURCE_LENGTH, MAX_FLOAT32, MAX_ID_LENGTH, MAX_IMPRESSIONS, MAX_PROPERTIES_LENGTH, MAX_RECOMMENDATION_ID_LENGTH, RESERVED_PROPERTY_KEY } from '../shared/limits';
import type { EventFields, TrackProperties } from '../types';

const ATTRIBUTION_SOURCE = /^(?=.*\S)[\x20-\x7E]{1,1024}$/; // MAX_ATTRIBUTION_SOURCE_LENGTH printable ASCII characters, not blank
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i; // unambiguous, so linear: no hex, octal, binary or Infinity
const ECHO_LENGTH = 40; // characters of a refused string shown in an error

/** One call's reading of its input: kept in the call, so a getter that calls track() again cannot reset it. */
interface Reading {
  /** The field being read, named when the input's own code throws. */
  at: string;
  /** Characters the properties JSON may still take. */
  left: number;
}

// The error fail() threw last, told apart from what the input's own code throws. Unlike the
// reading, it needs no call of its own: it is set just before the throw and compared as the throw
// reaches the catch, with no input code running in between.
let thrown: TypeError | undefined;

function fail(field: string, expected: string, got: unknown, caller = 'track()'): never {
  thrown = new TypeError(`${caller}: ${field} must be ${expected} (got ${got})`);
  throw thrown;
}

/** A refused value for a message: a string cut short, a number, or the type. */
const describe = (value: unknown) =>
  typeof value === 'string' ? JSON.stringify(value.slice(0, ECHO_LENGTH)) : typeof value === 'number' ? `number ${value}` : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Code points of a string as a limit of `max` sees them: its UTF-16 length where that is at most
 * `max` (so are its code points, and no array is built on the common path) or over four times
 * `max` (huge strings are not scanned).
 */
const codePoints = (value: string, max: number) => (value.length <= max || value.length > 4 * max ? value.length : [...value].length);

/** Checks a string of 1..max code points and returns it. */
export function checkString(field: string, value: unknown, max: number, caller?: string): string {
  const length = typeof value === 'string' ? codePoints(value, max) : 0;
  if (length < 1 || length > max) fail(field, `1-${max} characters`, typeof value === 'string' ? length : describe(value), caller);
  return value as string;
}

function spend(reading: Reading, characters: number): void {
  reading.left -= characters;
  if (reading.left < 0) fail('properties', `at most ${MAX_PROPERTIES_LENGTH} characters as JSON`, `more than ${MAX_PROPERTIES_LENGTH}, or a cycle`);
}

/** A plain copy of a JSON value, each object null-prototype; refuses what JSON would drop or change. */
function copy(value: unknown, path: string, reading: Reading): unknown {
  reading.at = path;
  if (typeof value === 'string') {
    spend(reading, value.length / 2 + 2); // a code point takes at most 2 UTF-16 units: a lower bound, as the budget needs
    return value;
  }
  if (typeof value === 'boolean' || value === null || Number.isFinite(value)) {
    spend(reading, 1);
    return value;
  }
  if (value instanceof Date) return copy(value.toJSON(), path, reading);
  const prototype = typeof value === 'object' && Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null && !Array.isArray(value)) fail(path, 'JSON-serialisable', prototype ? 'a class instance' : describe(value));
  spend(reading, 1); // with each item's comma or closing bracket, a lower bound of the JSON's length
  // A hole reads as undefined and is refused: JSON would turn it into null.
  if (Array.isArray(value)) {
    return Array.from(value, (item, index) => {
      spend(reading, 1);
      return copy(item, `${path}[${index}]`, reading);
    });
  }
  const result = Object.create(null);
  for (const key of Object.keys(value as object)) {
    const childPath = `${path}.${key}`;
    reading.at = childPath;
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    spend(reading, key.length / 2 + 4);
    result[key] = copy(child, childPath, reading);
  }
  return result;
}

/**
 * Maps `track(eventType, properties)` onto PutEvents Event fields. `itemId`, `eventValue`,
 * `impression`, `recommendationId`, `eventId` and `metricAttribution` go top level; every other
 * defined own key goes into the `properties` JSON string.
 */
export function toEventFields(eventType: unknown, properties: TrackProperties | undefined, sentAt: number, newEventId: () => string): EventFields {
  let fields: EventFields & Record<string, unknown>;
  const extra = Object.create(null);
  let extras = 0;
  const reading: Reading = { at: 'eventType', left: MAX_PROPERTIES_LENGTH };
  try {
    fields = { eventType: checkString('eventType', eventType, MAX_ID_LENGTH), eventId: '', sentAt };
    reading.at = 'properties';
    if (properties !== undefined && describe(properties) !== 'object') fail('properties', 'an object', describe(properties));
    for (const key of Object.keys(properties ?? {})) {
      reading.at = `properties.${key}`;
      const value: unknown = properties![key];
      if (value === undefined) continue;
      if (key === 'itemId' || key === 'eventId') fields[key] = checkString(key, value, MAX_ID_LENGTH);
      else if (key === 'recommendationId') fields[key] = checkString(key, value, MAX_RECOMMENDATION_ID_LENGTH);
      else if (key === 'eventValue') {
        const number = typeof value === 'string' && value.length <= MAX_ID_LENGTH && DECIMAL.test(value) ? +value : value;
        if (typeof number !== 'number' || !(Math.abs(number) <= MAX_FLOAT32)) fail(key, 'a finite number (32-bit float) or a decimal string', describe(value));
        fields[key] = number;
      } else if (key === 'impression') {
        const count = Array.isArray(value) ? value.length : 0;
        if (count < 1 || count > MAX_IMPRESSIONS) fail(key, `a list of 1-${MAX_IMPRESSIONS} item ids`, count || describe(value));
        fields[key] = Array.from(value as unknown[], (id, index) => checkString(`impression[${index}]`, id, MAX_ID_LENGTH));
      } else if (key === 'metricAttribution') {
        const source = (value as { eventAttributionSource?: unknown } | null)?.eventAttributionSource;
        if (typeof source !== 'string' || source.length > MAX_ATTRIBUTION_SOURCE_LENGTH || !ATTRIBUTION_SOURCE.test(source)) fail(`${key}.eventAttributionSource`, `1-${MAX_ATTRIBUTION_SOURCE_LENGTH} printable ASCII characters, not blank`, describe(source));
        fields[key] = { eventAttributionSource: source };
      } else if (RESERVED_PROPERTY_KEY.test(key)) fail('properties', 'free of reserved keys in any casing', `"${key}"`);
      else {
        extra[key] = value;
        extras++;
        // Each key takes at least 5 characters of JSON: past 1024 / 4 of them, no need to read the rest.
        if (extras > MAX_PROPERTIES_LENGTH / 4) spend(reading, Infinity);
      }
    }
    if (extras) {
      // Re-measured as sent: a toJSON another script put on Array.prototype could change the length.
      const json = JSON.stringify(copy(extra, 'properties', reading));
      const length = codePoints(json, MAX_PROPERTIES_LENGTH);
      if (length > MAX_PROPERTIES_LENGTH) fail('properties', `at most ${MAX_PROPERTIES_LENGTH} characters as JSON`, length);
      fields.properties = json;
    }
  } catch (error) {
    if (error === thrown) throw error;
    fail(reading.at, 'readable', 'a throw');
  }
  fields.eventId ||= newEventId();
  return fields;
}
