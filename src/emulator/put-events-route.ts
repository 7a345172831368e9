// POST /events: the PutEvents pipeline. Order: read body, latency, scripted fault, SigV4,
// content type, JSON, field limits, tracking id, rate limit, poisoned items; then accept.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { MAX_BODY_BYTES, readBody, sendRestJsonError, sleep, type ServiceError } from './http-util.js';
import { boundMessage, summarize, UNAUTHENTICATED_SUMMARY } from './event-log.js';
import { validatePutEvents } from './put-events.js';
import { verifySignature } from './sigv4.js';

const JSON_CONTENT_TYPE = 'application/json';

export async function handlePutEvents(req: IncomingMessage, res: ServerResponse, requestId: string, context: EmulatorContext): Promise<void> {
  const { faults, log, store, known, calls } = context;
  calls.PutEvents += 1;
  const receivedAt = faults.now();
  const { body, size, tooLarge } = await readBody(req);
  await sleep(faults.latencyMs);

  let parsed: unknown;
  let parseError: string | undefined;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    parseError = (error as Error).message;
  }
  // Only a signed request's body is summarised in the log: anyone can send the rest, and the log must not let them fill it.
  const verified = tooLarge ? undefined : verifySignature({ method: req.method ?? 'POST', url: req.url ?? '/', rawHeaders: req.rawHeaders, body }, store, faults.now());
  const authenticated = verified !== undefined && !('type' in verified);
  const refuse = (error: ServiceError): void => {
    const summary = authenticated ? summarize(parsed) : UNAUTHENTICATED_SUMMARY;
    log.recordRequest({ requestId, receivedAt, status: error.status, errorType: error.type, message: boundMessage(error.message), ...summary });
    sendRestJsonError(res, error);
  };

  if (tooLarge || verified === undefined) {
    return refuse({ status: 413, type: 'RequestEntityTooLarge', message: `Request body is ${size} bytes; the limit is ${MAX_BODY_BYTES} bytes` });
  }
  const scripted = faults.takeScriptedError('PutEvents');
  if (scripted) return refuse(scripted);
  if ('type' in verified) return refuse(verified);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.split(';')[0]!.trim().toLowerCase() !== JSON_CONTENT_TYPE) {
    return refuse({ status: 400, type: 'SerializationException', message: `Content-Type must be ${JSON_CONTENT_TYPE} (got '${contentType}')` });
  }
  if (parseError !== undefined) {
    return refuse({ status: 400, type: 'SerializationException', message: `The request body is not valid JSON: ${parseError}` });
  }
  const input = validatePutEvents(parsed);
  if (typeof input === 'string') return refuse({ status: 400, type: 'InvalidInputException', message: input });
  if (!known.trackingIds.has(input.trackingId)) {
    return refuse({ status: 404, type: 'ResourceNotFoundException', message: `Tracking id '${input.trackingId}' does not exist.` });
  }
  const throttled = faults.throttle('PutEvents', input.trackingId);
  if (throttled) return refuse(throttled);
  const poisoned = faults.poisonMessage(input);
  if (poisoned) return refuse({ status: 400, type: 'InvalidInputException', message: poisoned });

  log.accept(input, requestId, receivedAt);
  log.recordRequest({ requestId, receivedAt, status: 200, ...summarize(parsed) });
  res.writeHead(200, { 'Content-Length': 0 }).end();
}
