// Field checks both Personalize Events operations share (PutEvents, PutActionInteractions): ids,
// the timestamp, impression lists and the properties JSON, with messages naming the field path
// and the limit. Limits are from botocore's personalize-events/2018-03-22/service-2.json (the JS
// SDK's schema carries no @length traits) and the API reference pages:
// https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_Event.html and
// https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_ActionInteraction.html.
import { codePointLength } from './code-points.js';

/** StringType, UserId, ItemId and ActionId: 1-256 characters (code points, as Smithy's @length counts them). */
export const ID_MAX_LENGTH = 256;
/** RecommendationId: 1-40 characters. */
export const RECOMMENDATION_ID_MAX_LENGTH = 40;
/** Impression and ActionImpression: 1-25 ids. */
export const MAX_IMPRESSIONS = 25;
/** EventPropertiesJSON and ActionInteractionProperties: 1-1024 characters. */
export const PROPERTIES_MAX_LENGTH = 1024;
/** Keys the model's properties documentation forbids ("case insensitive"), for events and action interactions alike. */
const RESERVED_PROPERTY_KEYS = ['userId', 'sessionId', 'eventType', 'timestamp', 'recommendationId', 'impression'];

export type Json = Record<string, unknown>;

/** A refusal: its message names the field and the limit. */
export class InputError extends Error {}

/** The optional fields events and action interactions share, as validated. */
export interface SharedOptionalFields {
  eventId?: string;
  recommendationId?: string;
  impression?: string[];
  properties?: string;
}

/** Runs `validate`, turning an InputError into its message (the InvalidInputException text). */
export function validated<T>(body: unknown, validate: (body: Json) => T): T | string {
  try {
    if (!isObject(body)) throw new InputError(`The request body must be a JSON object (got ${typeName(body)})`);
    return validate(body);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

/** The list at `object[name]`: required, with 1-`max` entries of `noun`. */
export function requiredList(object: Json, name: string, max: number, noun: string): unknown[] {
  const list = object[name];
  if (list === undefined || list === null) throw new InputError(`${name} is required`);
  if (!Array.isArray(list)) throw new InputError(`${name} must be a list (got ${typeName(list)})`);
  if (list.length < 1 || list.length > max) throw new InputError(`${name} must contain 1-${max} ${noun} (got ${list.length})`);
  return list;
}

/** The entry at `path` as an object (an event or an action interaction). */
export function entryObject(value: unknown, path: string): Json {
  if (!isObject(value)) throw new InputError(`${path} must be an object (got ${typeName(value)})`);
  return value;
}

/** A required timestamp: restJson1 sends epoch seconds as a JSON number; an ISO string or a negative number is refused. */
export function requiredEpochSeconds(object: Json, name: string, prefix: string): number {
  const value = object[name];
  if (value === undefined || value === null) throw new InputError(`${prefix}${name} is required`);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${prefix}${name} must be a number of epoch seconds (got ${typeName(value)})`);
  }
  if (value < 0) throw new InputError(`${prefix}${name} must not be negative (got ${value})`);
  return value;
}

/** A required id of 1-256 characters. */
export function requiredId(object: Json, name: string, prefix: string): string {
  const value = object[name];
  if (value === undefined || value === null) throw new InputError(`${prefix}${name} is required`);
  return checkString(value, `${prefix}${name}`, ID_MAX_LENGTH);
}

/** An optional string of 1-`maxLength` characters; an explicit null is refused (the SDK never sends one: the stricter reading). */
export function optionalString(object: Json, name: string, prefix: string, maxLength: number): string | undefined {
  const value = object[name];
  return value === undefined ? undefined : checkString(value, `${prefix}${name}`, maxLength);
}

/** eventId, recommendationId, impression and properties, each checked, only those sent. */
export function sharedOptionalFields(entry: Json, prefix: string, impressionNoun: string): SharedOptionalFields {
  const fields: SharedOptionalFields = {};
  const eventId = optionalString(entry, 'eventId', prefix, ID_MAX_LENGTH);
  if (eventId !== undefined) fields.eventId = eventId;
  const recommendationId = optionalString(entry, 'recommendationId', prefix, RECOMMENDATION_ID_MAX_LENGTH);
  if (recommendationId !== undefined) fields.recommendationId = recommendationId;
  const impression = validateImpression(entry.impression, `${prefix}impression`, impressionNoun);
  if (impression !== undefined) fields.impression = impression;
  const properties = optionalString(entry, 'properties', prefix, PROPERTIES_MAX_LENGTH);
  if (properties !== undefined) fields.properties = validateProperties(properties, `${prefix}properties`);
  return fields;
}

/** A string of 1-`maxLength` code points. */
export function checkString(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string') throw new InputError(`${path} must be a string (got ${typeName(value)})`);
  const length = codePointLength(value);
  if (length < 1 || length > maxLength) throw new InputError(`${path} must be 1-${maxLength} characters (got ${length})`);
  return value;
}

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type of `value`, for messages. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function validateImpression(value: unknown, path: string, noun: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new InputError(`${path} must be a list (got ${typeName(value)})`);
  if (value.length < 1 || value.length > MAX_IMPRESSIONS) {
    throw new InputError(`${path} must contain 1-${MAX_IMPRESSIONS} ${noun} (got ${value.length})`);
  }
  return value.map((id, index) => checkString(id, `${path}[${index}]`, ID_MAX_LENGTH));
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
