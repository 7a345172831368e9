// One request to the relay, in the order of the checks: method, Origin (before the body is read),
// content type, body size, JSON shape, the shopper, each event's fields; then PutEvents calls of
// 10 for the events that passed, all at once. docs/relay.md has the table of answers.
import { PutEventsCommand, type PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { checkString } from '../loader/validate';
import { MAX_BATCH, MAX_ID_LENGTH } from '../shared/limits';
import type { EventFields } from '../types';
import { errorAnswer, jsonAnswer } from './answers';
import { classifyAwsError, type AwsFailure } from './aws-errors';
import { checkEvent } from './check-event';
import type { OriginPolicy } from './origin-policy';
import { parseBatch } from './parse-batch';
import { readBody } from './read-body';
import type { RelayErrorContext, RelayOptions, RelayResult } from './types';

/** Only this type: a cross-site form or a text/plain beacon cannot send it without a CORS preflight. */
const JSON_TYPE = 'application/json';

export interface RelaySettings {
  trackingId: string;
  maxBodyBytes: number;
  origins: OriginPolicy;
  userId: RelayOptions['userId'];
  trustClientUserId: boolean;
  client: PersonalizeEventsClient;
  report: (error: unknown, context: RelayErrorContext) => void;
}

export async function handleRelayRequest(request: Request, settings: RelaySettings): Promise<Response> {
  const { origins, report } = settings;
  const cors = origins.headers(request);
  try {
    if (request.method === 'OPTIONS') return origins.preflight(request);
    if (request.method !== 'POST') return errorAnswer(405, 'MethodNotAllowed', `relay: ${request.method} is not allowed; POST a batch`, { ...cors, Allow: 'POST, OPTIONS' });
    if (!origins.allows(request)) return errorAnswer(403, 'OriginNotAllowed', `relay: the origin ${request.headers.get('origin') ?? '(none)'} may not post here`, cors);
    const contentType = request.headers.get('content-type') ?? '';
    if (contentType.split(';')[0]!.trim().toLowerCase() !== JSON_TYPE) {
      return errorAnswer(400, 'UnsupportedContentType', `relay: Content-Type must be ${JSON_TYPE} (got ${JSON.stringify(contentType.slice(0, 100))})`, cors);
    }
    const bytes = await readBody(request, settings.maxBodyBytes);
    if (bytes === 'too-large') return errorAnswer(413, 'PayloadTooLarge', `relay: the body must be at most ${settings.maxBodyBytes} bytes`, cors);
    if (bytes === 'unreadable') return errorAnswer(400, 'InvalidRequest', 'relay: the body could not be read to its end', cors);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return errorAnswer(400, 'InvalidRequest', 'relay: the body must be UTF-8 JSON', cors);
    }
    const batch = parseBatch(text);
    if (batch instanceof TypeError) return errorAnswer(400, 'InvalidRequest', batch.message, cors);

    let userId: string | undefined;
    if (settings.userId) {
      const bound = await settings.userId(request);
      // The server's own id: an invalid one is the server's bug, not the browser's (500, reported).
      if (bound !== undefined) userId = checkString('userId', bound, MAX_ID_LENGTH, 'relay userId()');
    } else if (settings.trustClientUserId) userId = batch.userId;

    const result: RelayResult = { accepted: [], refused: [] };
    const valid: EventFields[] = [];
    for (const event of batch.events) {
      try {
        valid.push(checkEvent(event));
      } catch (error) {
        result.refused.push({ eventId: event.eventId, reason: (error as Error).message });
      }
    }
    if (valid.length === 0) return jsonAnswer(200, result, cors);
    return await putEvents(request, settings, { sessionId: batch.sessionId, userId, valid, result, cors });
  } catch (error) {
    report(error, { code: 'InternalError', status: 500, request });
    return errorAnswer(500, 'InternalError', 'relay: the relay failed; retry later', cors);
  }
}

interface Delivery {
  sessionId: string;
  userId: string | undefined;
  valid: EventFields[];
  result: RelayResult;
  cors: Record<string, string>;
}

/** One PutEvents call for up to MAX_BATCH events; resolves to the failure it met, if any. */
async function putBatch(settings: RelaySettings, sessionId: string, userId: string | undefined, events: EventFields[]): Promise<unknown> {
  try {
    await settings.client.send(
      new PutEventsCommand({
        trackingId: settings.trackingId,
        sessionId,
        ...(userId !== undefined && { userId }),
        eventList: events.map((fields) => ({ ...fields, sentAt: new Date(fields.sentAt * 1000) })),
      }),
    );
    return undefined;
  } catch (error) {
    return error ?? new Error('PutEvents failed');
  }
}

/**
 * Sends the valid events as PutEvents calls of MAX_BATCH, all at once, and answers once each has
 * answered: 200 when none failed; otherwise the first failure's answer, naming the events the
 * others took, so the browser keeps and retries only the rest.
 */
async function putEvents(request: Request, settings: RelaySettings, { sessionId, userId, valid, result, cors }: Delivery): Promise<Response> {
  const batches: EventFields[][] = [];
  for (let start = 0; start < valid.length; start += MAX_BATCH) batches.push(valid.slice(start, start + MAX_BATCH));
  const errors = await Promise.all(batches.map((events) => putBatch(settings, sessionId, userId, events)));
  let failed: AwsFailure | undefined;
  let retryAfter: number | undefined;
  errors.forEach((error, index) => {
    const events = batches[index]!;
    if (error === undefined) {
      for (const fields of events) result.accepted.push(fields.eventId);
      return;
    }
    const failure = classifyAwsError(error);
    if ('invalidInput' in failure) {
      // The validators match, so this should not happen; the browser drops these events rather than retrying them forever.
      settings.report(error, { code: 'InvalidInput', status: 200, request });
      for (const fields of events) result.refused.push({ eventId: fields.eventId, reason: failure.invalidInput });
      return;
    }
    settings.report(error, { code: failure.code, status: failure.status, request });
    failed ??= failure;
    if (failure.retryAfter !== undefined) retryAfter = Math.max(retryAfter ?? 0, failure.retryAfter);
  });
  if (!failed) return jsonAnswer(200, result, cors);
  const retry: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
  const taken = result.accepted.length + result.refused.length > 0 ? result : {};
  return jsonAnswer(failed.status, { code: failed.code, message: failed.message, ...taken }, { ...cors, ...retry });
}
