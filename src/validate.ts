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
import type { EventFields, TrackProperties } from './types';

const TOP_LEVEL_KEYS = ['itemId', 'eventValue', 'impression', 'recommendationId', 'eventId', 'metricAttribution'];
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

function fail(caller: string, message: string): never {
  throw new TypeError(`${caller}: ${message}`);
}

/** Checks a string of 1..max characters and returns it. */
export function checkString(caller: string, field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') fail(caller, `${field} must be a string of 1-${max} characters (got ${describe(value)})`);
  if (value.length < 1 || value.length > max) fail(caller, `${field} must be 1-${max} characters (got ${value.length})`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function toEventValue(value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    fail('track()', `eventValue must be a finite number or numeric string (got ${JSON.stringify(value) ?? describe(value)})`);
  }
  return number;
}

function toImpression(value: unknown): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_IMPRESSIONS) {
    fail('track()', `impression must be a list of 1-${MAX_IMPRESSIONS} item ids (got ${Array.isArray(value) ? value.length : describe(value)})`);
  }
  return value.map((id, index) => checkString('track()', `impression[${index}]`, id, MAX_ID_LENGTH));
}

/** Rejects what JSON.stringify would silently drop or change (functions, NaN, cycles...). */
function checkSerialisable(value: unknown, path: string, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('track()', `${path} must be JSON-serialisable (got ${value})`);
    return;
  }
  if (typeof value !== 'object') fail('track()', `${path} must be JSON-serialisable (got ${typeof value})`);
  if (value instanceof Date) return;
  if (seen.has(value)) fail('track()', `${path} must be JSON-serialisable (got a circular reference)`);
  seen.add(value);
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    fail('track()', `${path} must be JSON-serialisable (got a ${prototype?.constructor?.name ?? 'class'} instance)`);
  }
  for (const [key, child] of Object.entries(value)) {
    if (child !== undefined) checkSerialisable(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, seen);
  }
  seen.delete(value);
}

function toProperties(extra: Record<string, unknown>): string | undefined {
  const keys = Object.keys(extra);
  if (keys.length === 0) return undefined;
  for (const key of keys) {
    if (RESERVED_PROPERTY_KEYS.includes(key.toLowerCase())) {
      fail('track()', `properties may not contain the reserved key "${key}" (reserved: userId, sessionId, eventType, timestamp, recommendationId, impression)`);
    }
    checkSerialisable(extra[key], `properties.${key}`, new Set());
  }
  const json = JSON.stringify(extra);
  if (json.length > MAX_PROPERTIES_LENGTH) {
    fail('track()', `properties must be at most ${MAX_PROPERTIES_LENGTH} characters as JSON (got ${json.length})`);
  }
  return json;
}

/**
 * Maps `track(eventType, properties)` onto PutEvents Event fields. `itemId`, `eventValue`,
 * `impression`, `recommendationId`, `eventId` and `metricAttribution` go top level; every other
 * defined key goes into the `properties` JSON string.
 */
export function toEventFields(
  eventType: unknown,
  properties: TrackProperties | undefined,
  sentAt: number,
  newEventId: () => string,
): EventFields {
  const fields: EventFields = { eventType: checkString('track()', 'eventType', eventType, MAX_ID_LENGTH), eventId: '', sentAt };
  if (properties !== undefined && (properties === null || typeof properties !== 'object' || Array.isArray(properties))) {
    fail('track()', `properties must be an object (got ${describe(properties)})`);
  }
  const props = properties ?? {};
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(props)) {
    if (props[key] !== undefined && !TOP_LEVEL_KEYS.includes(key)) extra[key] = props[key];
  }
  if (props.itemId !== undefined) fields.itemId = checkString('track()', 'itemId', props.itemId, MAX_ID_LENGTH);
  if (props.eventValue !== undefined) fields.eventValue = toEventValue(props.eventValue);
  if (props.impression !== undefined) fields.impression = toImpression(props.impression);
  if (props.recommendationId !== undefined) {
    fields.recommendationId = checkString('track()', 'recommendationId', props.recommendationId, MAX_RECOMMENDATION_ID_LENGTH);
  }
  if (props.metricAttribution !== undefined) {
    const source = checkString('track()', 'metricAttribution.eventAttributionSource', props.metricAttribution?.eventAttributionSource, MAX_ATTRIBUTION_SOURCE_LENGTH);
    if (!PRINTABLE_ASCII.test(source) || source.trim() === '') {
      fail('track()', 'metricAttribution.eventAttributionSource must be printable ASCII and not blank');
    }
    fields.metricAttribution = { eventAttributionSource: source };
  }
  const json = toProperties(extra);
  if (json !== undefined) fields.properties = json;
  fields.eventId = props.eventId === undefined ? newEventId() : checkString('track()', 'eventId', props.eventId, MAX_ID_LENGTH);
  return fields;
}
