// The request log's view of a body: a few bounded fields, so a refused 1 MB body costs the log a
// few hundred bytes. Read only from bodies whose signature verified (signed-route.ts).

/** A summary keeps this many UTF-16 units of an id (the model's longest id is 256 characters). */
const SUMMARY_ID_MAX_LENGTH = 256;
/** A logged refusal message keeps this many UTF-16 units (the signature mismatch message is ~1 KB). */
const SUMMARY_MESSAGE_MAX_LENGTH = 4096;
/** A summary keeps this many event ids (PutEvents and PutActionInteractions take at most 10 entries). */
const SUMMARY_MAX_EVENT_IDS = 10;

/** What the request log keeps of a body. */
export interface RequestSummary {
  trackingId?: string;
  sessionId?: string;
  userId?: string;
  /** Entries of the body's list (events or action interactions). */
  eventCount: number;
  /** Their eventIds, when sent. */
  eventIds: string[];
}

/** Record fields of a request whose signature did not verify: nothing from its body. */
export const UNAUTHENTICATED_SUMMARY: RequestSummary = { eventCount: 0, eventIds: [] };

/**
 * Summary of an authenticated body for the request log, even when it was refused: the top-level
 * ids and the eventIds of the list at `listKey`. Ids are cut to SUMMARY_ID_MAX_LENGTH and copied,
 * so a refused 1 MB string is not kept alive by its summary.
 */
export function summarize(body: unknown, listKey: string): RequestSummary {
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const list = Array.isArray(object[listKey]) ? (object[listKey] as unknown[]) : [];
  const summary: Partial<RequestSummary> = {};
  for (const key of ['trackingId', 'sessionId', 'userId'] as const) {
    if (typeof object[key] === 'string') summary[key] = bounded(object[key] as string, SUMMARY_ID_MAX_LENGTH);
  }
  const eventIds = list.slice(0, SUMMARY_MAX_EVENT_IDS).flatMap((event) => {
    const id = typeof event === 'object' && event !== null ? (event as Record<string, unknown>).eventId : undefined;
    return typeof id === 'string' ? [bounded(id, SUMMARY_ID_MAX_LENGTH)] : [];
  });
  return { ...summary, eventCount: list.length, eventIds };
}

/** A refusal message as logged: messages quote the offending value, which may be huge. */
export function boundMessage(message: string): string {
  return bounded(message, SUMMARY_MESSAGE_MAX_LENGTH);
}

/** A short copy: V8 would otherwise keep a slice's whole parent string alive. */
function bounded(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${Buffer.from(text.slice(0, maxLength), 'utf16le').toString('utf16le')}…`;
}
