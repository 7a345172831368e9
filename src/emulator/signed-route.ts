// The pipeline both signed Personalize Events operations run (POST /events, POST
// /action-interactions). Order: read body, latency, scripted fault, SigV4, content type, JSON,
// field limits, tracking id, rate limit, the operation's own last check; then accept.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import type { EventsOperation } from './fault-script.js';
import { MAX_BODY_BYTES, readBody, sendRestJsonError, sleep, type ServiceError } from './http-util.js';
import { boundMessage, summarize, UNAUTHENTICATED_SUMMARY } from './request-summary.js';
import { verifySignature } from './sigv4.js';

const JSON_CONTENT_TYPE = 'application/json';

/** What differs between the operations: the name, the body's list, validation and acceptance. */
export interface SignedOperation<Input extends { trackingId: string }> {
  name: EventsOperation;
  /** The body's list of entries ("eventList", "actionInteractions"), summarised in the request log. */
  listKey: string;
  /** The validated input, or the InvalidInputException message. */
  validate(body: unknown): Input | string;
  /** A refusal after the rate limit (PutEvents' poisoned item ids), as an InvalidInputException message. */
  lastCheck?(input: Input, context: EmulatorContext): string | undefined;
  /** Logs what was accepted. */
  accept(input: Input, requestId: string, receivedAt: number, context: EmulatorContext): void;
}

/** Answers one call of `operation`, logging the attempt whatever the answer. */
export async function handleSignedOperation<Input extends { trackingId: string }>(
  operation: SignedOperation<Input>, req: IncomingMessage, res: ServerResponse, requestId: string, context: EmulatorContext,
): Promise<void> {
  const { faults, log, store, known, calls } = context;
  calls[operation.name] += 1;
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
  const record = { operation: operation.name, requestId, receivedAt };
  const refuse = (error: ServiceError): void => {
    const summary = authenticated ? summarize(parsed, operation.listKey) : UNAUTHENTICATED_SUMMARY;
    log.recordRequest({ ...record, status: error.status, errorType: error.type, message: boundMessage(error.message), ...summary });
    sendRestJsonError(res, error);
  };

  if (tooLarge || verified === undefined) {
    return refuse({ status: 413, type: 'RequestEntityTooLarge', message: `Request body is ${size} bytes; the limit is ${MAX_BODY_BYTES} bytes` });
  }
  const scripted = faults.takeScriptedError(operation.name);
  if (scripted) return refuse(scripted);
  if ('type' in verified) return refuse(verified);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.split(';')[0]!.trim().toLowerCase() !== JSON_CONTENT_TYPE) {
    return refuse({ status: 400, type: 'SerializationException', message: `Content-Type must be ${JSON_CONTENT_TYPE} (got '${contentType}')` });
  }
  if (parseError !== undefined) {
    return refuse({ status: 400, type: 'SerializationException', message: `The request body is not valid JSON: ${parseError}` });
  }
  const input = operation.validate(parsed);
  if (typeof input === 'string') return refuse({ status: 400, type: 'InvalidInputException', message: input });
  if (!known.trackingIds.has(input.trackingId)) {
    return refuse({ status: 404, type: 'ResourceNotFoundException', message: `Tracking id '${input.trackingId}' does not exist.` });
  }
  const throttled = faults.throttle(operation.name, input.trackingId);
  if (throttled) return refuse(throttled);
  const refusal = operation.lastCheck?.(input, context);
  if (refusal) return refuse({ status: 400, type: 'InvalidInputException', message: refusal });

  operation.accept(input, requestId, receivedAt, context);
  log.recordRequest({ ...record, status: 200, ...summarize(parsed, operation.listKey) });
  res.writeHead(200, { 'Content-Length': 0 }).end();
}
