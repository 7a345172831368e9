// Turns one track() call into the Event fields PutEvents accepts, or throws a TypeError that names
// the field and the limit. Pure: no clock, no storage, so it is unit-tested and fuzzed in Node.
// Written for hostile input too (issue 12): only own enumerable keys are read (Object.keys), each
// getter once, into a null-prototype copy, so a key added to Object.prototype or an own
// `__proto__` changes nothing. Every length is checked before any walk, and the walk of the extra
// properties stops as soon as their JSON would pass 1024 characters, which also bounds its depth:
// any input returns in a few milliseconds. Whatever a getter, Proxy trap or toJSON throws becomes
// a TypeError naming the field. Lengths count Unicode code points, as the service model's Smithy
// `@length` does (https://smithy.io/2.0/spec/constraint-traits.html#length-trait).
import {
  MAX_ATTRIBUTION_SOURCE_LENGTH,
  MAX_ID_LENGTH,
  MAX_IMPRESSIONS,
  MAX_PROPERTIES_LENGTH,
  MAX_RECOMMENDATION_ID_LENGTH,
  RESERVED_PROPERTY_KEYS,
} from './limits';
import type { EventFields, TrackProperties } from '../types';

/** Top-level Event fields that are strings, with their length limits. */
const STRING_FIELDS: [keyof TrackProperties & keyof EventFields, number][] = [
  ['itemId', MAX_ID_LENGTH],
  ['recommendationId', MAX_RECOMMENDATION_ID_LENGTH],
  ['eventId', MAX_ID_LENGTH],
];
/** Keys of track()'s properties that are Event fields of their own rather than `properties` keys. */
export const TOP_LEVEL_KEYS = ['eventValue', 'impression', 'metricAttribution', ...STRING_FIELDS.map(([key]) => key)];
const RESERVED = RESERVED_PROPERTY_KEYS.map((key) => key.toLowerCase());
const isReserved = (key: string) => RESERVED.includes(key.toLowerCase());
const ATTRIBUTION_SOURCE = /^(?=.*\S)[\x20-\x7E]{1,1024}$/; // MAX_ATTRIBUTION_SOURCE_LENGTH printable ASCII characters, not blank
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i; // unambiguous, so linear: no hex, octal, binary or Infinity
const MAX_FLOAT32 = 3.4028234663852886e38; // eventValue is a 32-bit float in the service model
const ECHO_LENGTH = 40; // characters of a refused string shown in the error

let thrown: TypeError | undefined; // the last error of ours, told apart from what input code throws
let at = ''; // the field being read, named when input code throws

function fail(field: string, expected: string, got: unknown, caller = 'track()'): never {
  throw (thrown = new TypeError(`${caller}: ${field} must be ${expected} (got ${got})`));
}

/** A refused value for the message: a string, cut short, or the type. */
const describe = (value: unknown) =>
  typeof value === 'string' ? `"${value.slice(0, ECHO_LENGTH)}${value.length > ECHO_LENGTH ? '…' : ''}"` : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
/** Code points of a string; its UTF-16 length when that is over four times `max` (no scan of huge strings). */
const codePoints = (value: string, max = MAX_PROPERTIES_LENGTH) => (value.length > 4 * max ? value.length : [...value].length);

/** Checks a string of 1..max code points and returns it. */
export function checkString(field: string, value: unknown, max: number, caller = 'track()'): string {
  const length = typeof value === 'string' ? codePoints(value, max) : 0;
  if (length < 1 || length > max) fail(field, `1-${max} characters`, typeof value === 'string' ? length : describe(value), caller);
  return value as string;
}

/** The extra properties (a null-prototype object of defined values) as a JSON object string. */
function toProperties(extra: Record<string, unknown>): string {
  let budget = MAX_PROPERTIES_LENGTH; // a lower bound of the JSON's length is taken off as the walk goes
  const open = new Set<object>();
  const spend = (characters: number) => {
    if ((budget -= characters) < 0) fail('properties', `at most ${MAX_PROPERTIES_LENGTH} characters as JSON`, `more than ${MAX_PROPERTIES_LENGTH}`);
  };
  const copy = (value: unknown, path: string): unknown => {
    at = path;
    const refuse = (problem: unknown) => fail(path, 'JSON-serialisable', problem);
    if (typeof value === 'string') return spend(codePoints(value) + 2), value;
    if (typeof value === 'number') return Number.isFinite(value) ? (spend(1), value) : refuse(value);
    if (typeof value === 'boolean' || value === null) return spend(4), value;
    if (typeof value !== 'object') return refuse(typeof value);
    if (value instanceof Date) return copy(value.toJSON(), path); // whatever an overridden toJSON returns is checked in turn
    if (open.has(value)) refuse('a circular reference');
    const list = Array.isArray(value);
    const prototype = Object.getPrototypeOf(value);
    if (!list && prototype !== Object.prototype && prototype !== null) refuse(`a ${prototype.constructor?.name ?? 'class'} instance`);
    open.add(value);
    spend(1);
    let result: unknown;
    if (list) {
      // Holes and undefined are refused: JSON would turn them into null.
      const items: unknown[] = [];
      for (let index = 0; index < value.length; index++) {
        at = `${path}[${index}]`;
        spend(1);
        items.push(copy(value[index], at));
      }
      result = items;
    } else {
      const fields: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(value)) {
        at = `${path}.${key}`;
        const child = (value as Record<string, unknown>)[key];
        if (child === undefined) continue;
        spend(codePoints(key) + 4); // "key": and a comma or the brace
        if (value === extra && isReserved(key)) fail('properties', `free of the keys ${RESERVED_PROPERTY_KEYS.join(', ')} in any casing`, `the reserved key "${key}"`);
        fields[key] = copy(child, at);
      }
      result = fields;
    }
    open.delete(value);
    return result;
  };
  const properties = copy(extra, 'properties');
  // Re-checked as the service will read it: a toJSON another script put on a prototype cannot add reserved keys or length.
  at = 'properties';
  const json = JSON.stringify(properties);
  const parsed = JSON.parse(json);
  const length = codePoints(json);
  if (length > MAX_PROPERTIES_LENGTH) fail('properties', `at most ${MAX_PROPERTIES_LENGTH} characters as JSON`, length);
  if (describe(parsed) !== 'object' || Object.keys(parsed).some(isReserved)) fail('properties', 'a JSON object without reserved keys', describe(json));
  return json;
}

/**
 * Maps `track(eventType, properties)` onto PutEvents Event fields. `itemId`, `eventValue`,
 * `impression`, `recommendationId`, `eventId` and `metricAttribution` go top level; every other
 * defined own key goes into the `properties` JSON string.
 */
export function toEventFields(eventType: unknown, properties: TrackProperties | undefined, sentAt: number, newEventId: () => string): EventFields {
  at = 'properties';
  let fields: EventFields;
  try {
    fields = { eventType: checkString('eventType', eventType, MAX_ID_LENGTH), eventId: '', sentAt };
    if (properties !== undefined && describe(properties) !== 'object') fail('properties', 'an object', describe(properties));
    const props: Record<string, unknown> = Object.create(null);
    const extra: Record<string, unknown> = Object.create(null);
    let extras = 0;
    for (const key of Object.keys(properties ?? {})) {
      const value = (props[key] = ((at = `properties.${key}`), properties![key]));
      if (value !== undefined && !TOP_LEVEL_KEYS.includes(key)) (extra[key] = value), extras++;
    }
    for (const [key, max] of STRING_FIELDS) {
      if (props[key] !== undefined) (fields as unknown as Record<string, string>)[key] = checkString(key, props[key], max);
    }
    const { eventValue, impression, metricAttribution } = props;
    if (eventValue !== undefined) {
      const number = typeof eventValue === 'string' && eventValue.length <= MAX_ID_LENGTH && DECIMAL.test(eventValue) ? Number(eventValue) : eventValue;
      if (typeof number !== 'number' || !(Math.abs(number) <= MAX_FLOAT32)) {
        fail('eventValue', 'a finite number (32-bit float) or a decimal string', describe(eventValue));
      }
      fields.eventValue = number;
    }
    if (impression !== undefined) {
      at = 'impression';
      const count = Array.isArray(impression) ? impression.length : 0;
      if (count < 1 || count > MAX_IMPRESSIONS) fail('impression', `a list of 1-${MAX_IMPRESSIONS} item ids`, Array.isArray(impression) ? count : describe(impression));
      fields.impression = Array.from(impression as unknown[], (id, index) => checkString(`impression[${index}]`, id, MAX_ID_LENGTH)); // a hole is undefined: refused
    }
    if (metricAttribution !== undefined) {
      at = 'metricAttribution';
      const source = (metricAttribution as { eventAttributionSource?: unknown } | null)?.eventAttributionSource;
      if (typeof source !== 'string' || !ATTRIBUTION_SOURCE.test(source)) {
        fail('metricAttribution.eventAttributionSource', `1-${MAX_ATTRIBUTION_SOURCE_LENGTH} printable ASCII characters, not blank`, describe(source));
      }
      fields.metricAttribution = { eventAttributionSource: source };
    }
    if (extras > 0) fields.properties = toProperties(extra);
  } catch (error) {
    if (error === thrown) throw error;
    fail(at, 'readable', 'a throw');
  }
  fields.eventId ||= newEventId();
  return fields;
}
