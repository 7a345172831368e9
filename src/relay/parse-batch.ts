// The request body's shape: `{ sessionId, userId?, eventList }` with 1-100 events, each an object
// with its own eventId (the answer names events by it, so ids must be there and differ). What is
// wrong here is the client's request as a whole (400); each event's fields are checked later, one
// by one (check-event.ts), so one bad event does not lose the others.
import { checkString } from '../loader/validate';
import { MAX_ID_LENGTH, MAX_RELAY_BATCH } from '../shared/limits';

const BODY_KEYS = new Set(['sessionId', 'userId', 'eventList']);
const CALLER = 'relay';

export interface ParsedBatch {
  sessionId: string;
  userId?: string;
  /** Objects with a unique eventId; their other fields are not checked yet. */
  events: Array<Record<string, unknown> & { eventId: string }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** The batch in `text`, or a TypeError naming what is wrong. */
export function parseBatch(text: string): ParsedBatch | TypeError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return new TypeError(`${CALLER}: the body must be JSON (${(error as Error).message})`);
  }
  try {
    if (!isRecord(body)) throw new TypeError(`${CALLER}: the body must be a JSON object (got ${kind(body)})`);
    const unknown = Object.keys(body).find((key) => !BODY_KEYS.has(key));
    if (unknown !== undefined) {
      throw new TypeError(`${CALLER}: ${unknown} is not a field of the body (sessionId, userId, eventList; the server sets trackingId)`);
    }
    const batch: ParsedBatch = { sessionId: checkString('sessionId', body.sessionId, MAX_ID_LENGTH, CALLER), events: [] };
    if (body.userId !== undefined) batch.userId = checkString('userId', body.userId, MAX_ID_LENGTH, CALLER);
    const list = body.eventList;
    const count = Array.isArray(list) ? list.length : 0;
    if (count < 1 || count > MAX_RELAY_BATCH) throw new TypeError(`${CALLER}: eventList must be a list of 1-${MAX_RELAY_BATCH} events (got ${Array.isArray(list) ? count : kind(list)})`);
    const seen = new Set<string>();
    for (const [index, event] of (list as unknown[]).entries()) {
      if (!isRecord(event)) throw new TypeError(`${CALLER}: eventList[${index}] must be an object (got ${kind(event)})`);
      const eventId = checkString(`eventList[${index}].eventId`, event.eventId, MAX_ID_LENGTH, CALLER);
      if (seen.has(eventId)) throw new TypeError(`${CALLER}: eventList[${index}].eventId must differ from the others in the batch (got ${JSON.stringify(eventId.slice(0, 40))} twice)`);
      seen.add(eventId);
      batch.events.push(event as ParsedBatch['events'][number]);
    }
    return batch;
  } catch (error) {
    if (error instanceof TypeError) return error;
    throw error;
  }
}
