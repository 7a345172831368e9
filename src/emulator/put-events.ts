// Validation of a PutEvents request body against every limit of the Personalize Events model.
// The SDK checks none of these on the client, so the emulator must refuse what the service refuses.
import { codePointLength } from './code-points.js';

/** Field limits from the Personalize Events model. Lengths count code points, as Smithy's @length does (code-points.ts). */
const ID_MAX_LENGTH = 256;
const MAX_EVENTS_PER_REQUEST = 10;
const MAX_IMPRESSIONS = 25;
const RECOMMENDATION_ID_MAX_LENGTH = 40;
const ATTRIBUTION_SOURCE_MAX_LENGTH = 1024;
const PROPERTIES_MAX_LENGTH = 1024;
/**
 * "10 KB per event" (Personalize quotas), measured as the UTF-8 JSON of the event's model fields and
 * read as 10,000 bytes, the stricter reading. Reachable within the field limits: 25 impressions of
 * 256 characters are 6,400 characters, and a code point can take 4 bytes.
 */
const MAX_EVENT_BYTES = 10_000;
/** Model pattern of EventAttributionSource: printable ASCII with at least one non-space. */
const ATTRIBUTION_SOURCE_PATTERN = /^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$/;
/** Keys that have their own fields and so may not appear in properties (compared case-insensitively). */
const MAX_FLOAT32 = 3.4028234663852886e38; // the largest finite 32-bit float
const RESERVED_PROPERTY_KEYS = ['userId', 'sessionId', 'eventType', 'timestamp', 'recommendationId', 'impression'];

export interface PutEventsEvent {
  eventType: string;
  sentAt: number;
  eventId?: string;
  itemId?: string;
  eventValue?: number;
  properties?: string;
  impression?: string[];
  recommendationId?: string;
  metricAttribution?: { eventAttributionSource: string };
}

export interface PutEventsInput {
  trackingId: string;
  sessionId: string;
  userId?: string;
  eventList: PutEventsEvent[];
}

type Json = Record<string, unknown>;

class InputError extends Error {}

/** Returns the validated input, or a message naming the offending field and the limit. */
export function validatePutEvents(body: unknown): PutEventsInput | string {
  try {
    if (!isObject(body)) throw new InputError(`The request body must be a JSON object (got ${typeName(body)})`);
    const input: PutEventsInput = {
      trackingId: requiredId(body, 'trackingId', ''),
      sessionId: requiredId(body, 'sessionId', ''),
      eventList: [],
    };
    const userId = optionalString(body, 'userId', '', ID_MAX_LENGTH);
    if (userId !== undefined) input.userId = userId;
    const list = body.eventList;
    if (list === undefined || list === null) throw new InputError('eventList is required');
    if (!Array.isArray(list)) throw new InputError(`eventList must be a list (got ${typeName(list)})`);
    if (list.length < 1 || list.length > MAX_EVENTS_PER_REQUEST) {
      throw new InputError(`eventList must contain 1-${MAX_EVENTS_PER_REQUEST} events (got ${list.length})`);
    }
    input.eventList = list.map((event, index) => validateEvent(event, `eventList[${index}].`));
    return input;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

function validateEvent(event: unknown, prefix: string): PutEventsEvent {
  if (!isObject(event)) throw new InputError(`${prefix.slice(0, -1)} must be an object (got ${typeName(event)})`);
  const sentAt = event.sentAt;
  if (sentAt === undefined || sentAt === null) throw new InputError(`${prefix}sentAt is required`);
  if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) {
    throw new InputError(`${prefix}sentAt must be a number of epoch seconds (got ${typeName(sentAt)})`);
  }
  if (sentAt < 0) throw new InputError(`${prefix}sentAt must not be negative (got ${sentAt})`);
  const out: PutEventsEvent = { eventType: requiredId(event, 'eventType', prefix), sentAt };
  const eventId = optionalString(event, 'eventId', prefix, ID_MAX_LENGTH);
  if (eventId !== undefined) out.eventId = eventId;
  const itemId = optionalString(event, 'itemId', prefix, ID_MAX_LENGTH);
  if (itemId !== undefined) out.itemId = itemId;
  if (event.eventValue !== undefined) {
    if (typeof event.eventValue !== 'number' || !Number.isFinite(event.eventValue)) {
      throw new InputError(`${prefix}eventValue must be a finite number (got ${typeof event.eventValue === 'string' ? `string ${JSON.stringify(event.eventValue)}` : typeName(event.eventValue)})`);
    }
    // The model's eventValue is a Smithy float (32 bits): a larger number does not fit it.
    if (Math.abs(event.eventValue) > MAX_FLOAT32) {
      throw new InputError(`${prefix}eventValue must fit a 32-bit float, at most ${MAX_FLOAT32} in magnitude (got ${event.eventValue})`);
    }
    out.eventValue = event.eventValue;
  }
  const recommendationId = optionalString(event, 'recommendationId', prefix, RECOMMENDATION_ID_MAX_LENGTH);
  if (recommendationId !== undefined) out.recommendationId = recommendationId;
  const impression = validateImpression(event.impression, `${prefix}impression`);
  if (impression !== undefined) out.impression = impression;
  const attribution = validateAttribution(event.metricAttribution, `${prefix}metricAttribution`);
  if (attribution !== undefined) out.metricAttribution = attribution;
  const properties = optionalString(event, 'properties', prefix, PROPERTIES_MAX_LENGTH);
  if (properties !== undefined) out.properties = validateProperties(properties, `${prefix}properties`);
  const bytes = Buffer.byteLength(JSON.stringify(out));
  if (bytes > MAX_EVENT_BYTES) throw new InputError(`${prefix.slice(0, -1)} is ${bytes} bytes of JSON; an event may be at most ${MAX_EVENT_BYTES} bytes`);
  return out;
}

function validateImpression(value: unknown, path: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new InputError(`${path} must be a list (got ${typeName(value)})`);
  if (value.length < 1 || value.length > MAX_IMPRESSIONS) {
    throw new InputError(`${path} must contain 1-${MAX_IMPRESSIONS} item ids (got ${value.length})`);
  }
  return value.map((item, index) => checkString(item, `${path}[${index}]`, ID_MAX_LENGTH));
}

function validateAttribution(value: unknown, path: string): { eventAttributionSource: string } | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new InputError(`${path} must be an object (got ${typeName(value)})`);
  const source = value.eventAttributionSource;
  if (source === undefined || source === null) throw new InputError(`${path}.eventAttributionSource is required`);
  const checked = checkString(source, `${path}.eventAttributionSource`, ATTRIBUTION_SOURCE_MAX_LENGTH);
  if (!ATTRIBUTION_SOURCE_PATTERN.test(checked)) {
    throw new InputError(`${path}.eventAttributionSource must be printable ASCII and not blank (got ${JSON.stringify(checked)})`);
  }
  return { eventAttributionSource: checked };
}

/** properties is a string that must hold a JSON object without reserved keys. */
function validateProperties(text: string, path: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} must be a JSON object but is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new InputError(`${path} must be a JSON object (got ${typeName(parsed)})`);
  for (const key of Object.keys(parsed)) {
    const reserved = RESERVED_PROPERTY_KEYS.find((name) => name.toLowerCase() === key.toLowerCase());
    if (reserved) throw new InputError(`${path} must not contain the reserved key "${key}" (${reserved} has its own field)`);
  }
  return text;
}

function requiredId(object: Json, name: string, prefix: string): string {
  const value = object[name];
  if (value === undefined || value === null) throw new InputError(`${prefix}${name} is required`);
  return checkString(value, `${prefix}${name}`, ID_MAX_LENGTH);
}

function optionalString(object: Json, name: string, prefix: string, maxLength: number): string | undefined {
  const value = object[name];
  // An explicit null is refused: the SDK never sends one, and refusing is the stricter reading.
  return value === undefined ? undefined : checkString(value, `${prefix}${name}`, maxLength);
}

function checkString(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string') throw new InputError(`${path} must be a string (got ${typeName(value)})`);
  const length = codePointLength(value);
  if (length < 1 || length > maxLength) throw new InputError(`${path} must be 1-${maxLength} characters (got ${length})`);
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
