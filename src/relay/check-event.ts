// One wire event through the browser's own validator: the relay rebuilds the track() call the
// event came from (its eventType, and as properties its top-level fields plus the keys of its
// properties JSON) and runs toEventFields on it, so it accepts exactly what track() accepts. Then
// what the wire adds: sentAt, no fields PutEvents does not have, and the event's size.
import { toEventFields } from '../loader/validate';
import { TOP_LEVEL_KEYS } from '../shared/limits';
import type { EventFields } from '../types';

const CALLER = 'relay';
const WIRE_KEYS = new Set(['eventType', 'sentAt', 'properties', ...TOP_LEVEL_KEYS]);
/**
 * The latest time a JavaScript Date holds (https://tc39.es/ecma262/#sec-time-values-and-time-range),
 * in epoch seconds: the SDK serialises sentAt from a Date. PutEvents takes any time from the epoch on
 * (https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_Event.html).
 */
const MAX_SENT_AT_SECONDS = 8.64e12;
/** "10 KB per event" (https://docs.aws.amazon.com/personalize/latest/dg/limits.html), as UTF-8 JSON, read as 10,000 bytes. */
const MAX_EVENT_BYTES = 10_000;

function fail(field: string, expected: string, got: unknown): never {
  throw new TypeError(`${CALLER}: ${field} must be ${expected} (got ${got})`);
}

const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** The Event fields PutEvents gets for `event` (`sentAt` in epoch seconds), or a TypeError naming the field and the limit. */
export function checkEvent(event: Record<string, unknown> & { eventId: string }): EventFields {
  const unknown = Object.keys(event).find((key) => !WIRE_KEYS.has(key));
  if (unknown !== undefined) fail(unknown, 'absent: it is not a field of a PutEvents Event', kind(event[unknown]));
  const { sentAt } = event;
  if (typeof sentAt !== 'number' || !(sentAt >= 0 && sentAt <= MAX_SENT_AT_SECONDS)) fail('sentAt', `epoch seconds from 0 to ${MAX_SENT_AT_SECONDS}`, typeof sentAt === 'number' ? sentAt : kind(sentAt));
  // Null-prototype: a `__proto__` key of the properties JSON stays data, as JSON.parse made it.
  const properties = Object.create(null) as Record<string, unknown>;
  for (const key of TOP_LEVEL_KEYS) {
    if (event[key] !== undefined) properties[key] = event[key];
  }
  if (event.properties !== undefined) {
    for (const [key, value] of Object.entries(parseProperties(event.properties))) {
      // track() would have sent such a key as a field of its own, never inside properties.
      if (TOP_LEVEL_KEYS.includes(key)) fail('properties', `free of ${TOP_LEVEL_KEYS.join(', ')} (fields of their own)`, `"${key}"`);
      properties[key] = value;
    }
  }
  const fields = toEventFields(event.eventType, properties, sentAt, () => event.eventId);
  const bytes = new TextEncoder().encode(JSON.stringify(fields)).byteLength;
  if (bytes > MAX_EVENT_BYTES) fail('the event', `at most ${MAX_EVENT_BYTES} bytes as JSON`, bytes);
  return fields;
}

function parseProperties(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') fail('properties', 'a JSON object as a string', kind(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail('properties', 'a JSON object as a string', 'text that is not JSON');
  }
  if (kind(parsed) !== 'object') fail('properties', 'a JSON object as a string', kind(parsed));
  return parsed as Record<string, unknown>;
}
