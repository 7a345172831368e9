// Turns one track() call into the Event fields PutEvents accepts, or throws a TypeError that names
// the field and the limit. Pure: no clock, no storage, so it is unit-tested in Node.
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
const ATTRIBUTION_SOURCE = /^(?=.*\S)[\x20-\x7E]{1,1024}$/; // MAX_ATTRIBUTION_SOURCE_LENGTH printable ASCII characters, not blank

function fail(field: string, expected: string, got: unknown, caller = 'track()'): never {
  throw new TypeError(`${caller}: ${field} must be ${expected} (got ${got})`);
}

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Checks a string of 1..max characters and returns it. */
export function checkString(field: string, value: unknown, max: number, caller = 'track()'): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > max) {
    fail(field, `1-${max} characters`, typeof value === 'string' ? value.length : describe(value), caller);
  }
  return value;
}

/** Rejects what JSON.stringify would silently drop or change (functions, NaN, cycles, class instances). */
function checkSerialisable(value: unknown, path: string, seen: object[]): void {
  const problem =
    typeof value === 'number' ? (Number.isFinite(value) ? '' : value)
    : value === null || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date ? ''
    : typeof value !== 'object' ? typeof value
    : seen.includes(value) ? 'a circular reference'
    : Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value)) ? ''
    : `a ${Object.getPrototypeOf(value).constructor?.name ?? 'class'} instance`;
  if (problem !== '') fail(path, 'JSON-serialisable', problem);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined) checkSerialisable(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, [...seen, value]);
    }
  }
}

function toProperties(extra: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(extra)) {
    if (RESERVED_PROPERTY_KEYS.some((reserved) => reserved.toLowerCase() === key.toLowerCase())) {
      throw new TypeError(`track(): properties may not contain the reserved key "${key}" (reserved, in any casing: ${RESERVED_PROPERTY_KEYS.join(', ')})`);
    }
    checkSerialisable(extra[key], `properties.${key}`, []);
  }
  const json = JSON.stringify(extra);
  if (json.length > MAX_PROPERTIES_LENGTH) fail('properties', `at most ${MAX_PROPERTIES_LENGTH} characters as JSON`, json.length);
  return json === '{}' ? undefined : json;
}

/**
 * Maps `track(eventType, properties)` onto PutEvents Event fields. `itemId`, `eventValue`,
 * `impression`, `recommendationId`, `eventId` and `metricAttribution` go top level; every other
 * defined key goes into the `properties` JSON string.
 */
export function toEventFields(eventType: unknown, properties: TrackProperties | undefined, sentAt: number, newEventId: () => string): EventFields {
  const fields: EventFields = { eventType: checkString('eventType', eventType, MAX_ID_LENGTH), eventId: '', sentAt };
  if (properties !== undefined && (typeof properties !== 'object' || properties === null || Array.isArray(properties))) {
    fail('properties', 'an object', describe(properties));
  }
  const props = properties ?? {};
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(props)) if (props[key] !== undefined && !TOP_LEVEL_KEYS.includes(key)) extra[key] = props[key]; // own keys only
  for (const [key, max] of STRING_FIELDS) {
    if (props[key] !== undefined) (fields as unknown as Record<string, string>)[key] = checkString(key, props[key], max);
  }
  const { eventValue, impression, metricAttribution } = props;
  if (eventValue !== undefined) {
    const number = typeof eventValue === 'string' && eventValue.trim() !== '' ? Number(eventValue) : eventValue;
    if (typeof number !== 'number' || !Number.isFinite(number)) fail('eventValue', 'a finite number or numeric string', JSON.stringify(eventValue));
    fields.eventValue = number;
  }
  if (impression !== undefined) {
    if (!Array.isArray(impression) || impression.length < 1 || impression.length > MAX_IMPRESSIONS) {
      fail('impression', `a list of 1-${MAX_IMPRESSIONS} item ids`, Array.isArray(impression) ? impression.length : describe(impression));
    }
    fields.impression = Array.from(impression, (id, index) => checkString(`impression[${index}]`, id, MAX_ID_LENGTH));
  }
  if (metricAttribution !== undefined) {
    const source = metricAttribution?.eventAttributionSource;
    if (typeof source !== 'string' || !ATTRIBUTION_SOURCE.test(source)) {
      fail('metricAttribution.eventAttributionSource', `1-${MAX_ATTRIBUTION_SOURCE_LENGTH} printable ASCII characters, not blank`, JSON.stringify(source));
    }
    fields.metricAttribution = { eventAttributionSource: source };
  }
  const json = toProperties(extra);
  if (json !== undefined) fields.properties = json;
  fields.eventId ||= newEventId();
  return fields;
}
