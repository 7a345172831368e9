// Validation of a PutEvents request body against every limit of the Personalize Events model
// (https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_PutEvents.html, botocore's
// personalize-events/2018-03-22/service-2.json). The SDK checks none of these on the client, so
// the emulator must refuse what the service refuses. Shared checks are in fields.ts.
import {
  checkString, entryObject, ID_MAX_LENGTH, InputError, isObject, optionalString, requiredEpochSeconds, requiredId, requiredList,
  sharedOptionalFields, typeName, validated, type SharedOptionalFields,
} from './fields.js';

/** EventList: 1-10 events. */
const MAX_EVENTS_PER_REQUEST = 10;
/** EventAttributionSource: at most 1024 characters. */
const ATTRIBUTION_SOURCE_MAX_LENGTH = 1024;
/**
 * "10 KB per event" (Personalize quotas), measured as the UTF-8 JSON of the event's model fields and
 * read as 10,000 bytes, the stricter reading. Reachable within the field limits: 25 impressions of
 * 256 characters are 6,400 characters, and a code point can take 4 bytes.
 */
const MAX_EVENT_BYTES = 10_000;
/** Model pattern of EventAttributionSource: printable ASCII with at least one non-space. */
const ATTRIBUTION_SOURCE_PATTERN = /^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$/;
const MAX_FLOAT32 = 3.4028234663852886e38; // the largest finite 32-bit float

export interface PutEventsEvent extends SharedOptionalFields {
  eventType: string;
  sentAt: number;
  itemId?: string;
  eventValue?: number;
  metricAttribution?: { eventAttributionSource: string };
}

export interface PutEventsInput {
  trackingId: string;
  sessionId: string;
  userId?: string;
  eventList: PutEventsEvent[];
}

/** Returns the validated input, or a message naming the offending field and the limit. */
export function validatePutEvents(body: unknown): PutEventsInput | string {
  return validated(body, (object) => {
    const input: PutEventsInput = { trackingId: requiredId(object, 'trackingId', ''), sessionId: requiredId(object, 'sessionId', ''), eventList: [] };
    const userId = optionalString(object, 'userId', '', ID_MAX_LENGTH);
    if (userId !== undefined) input.userId = userId;
    const list = requiredList(object, 'eventList', MAX_EVENTS_PER_REQUEST, 'events');
    input.eventList = list.map((event, index) => validateEvent(event, `eventList[${index}]`));
    return input;
  });
}

function validateEvent(value: unknown, path: string): PutEventsEvent {
  const event = entryObject(value, path);
  const prefix = `${path}.`;
  const sentAt = requiredEpochSeconds(event, 'sentAt', prefix);
  const out: PutEventsEvent = { eventType: requiredId(event, 'eventType', prefix), sentAt };
  const itemId = optionalString(event, 'itemId', prefix, ID_MAX_LENGTH);
  if (itemId !== undefined) out.itemId = itemId;
  const eventValue = validateEventValue(event.eventValue, `${prefix}eventValue`);
  if (eventValue !== undefined) out.eventValue = eventValue;
  const attribution = validateAttribution(event.metricAttribution, `${prefix}metricAttribution`);
  if (attribution !== undefined) out.metricAttribution = attribution;
  Object.assign(out, sharedOptionalFields(event, prefix, 'item ids'));
  const bytes = Buffer.byteLength(JSON.stringify(out));
  if (bytes > MAX_EVENT_BYTES) throw new InputError(`${path} is ${bytes} bytes of JSON; an event may be at most ${MAX_EVENT_BYTES} bytes`);
  return out;
}

function validateEventValue(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${path} must be a finite number (got ${typeof value === 'string' ? `string ${JSON.stringify(value)}` : typeName(value)})`);
  }
  // The model's eventValue is a Smithy float (32 bits): a larger number does not fit it.
  if (Math.abs(value) > MAX_FLOAT32) throw new InputError(`${path} must fit a 32-bit float, at most ${MAX_FLOAT32} in magnitude (got ${value})`);
  return value;
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

