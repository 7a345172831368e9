// POST /: the Cognito Identity pipeline. Order: read body, latency, scripted fault, rate limit,
// then the operation (cognito.ts). Every call to a known operation is counted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COGNITO_CONTENT_TYPE, cognitoOperation, handleCognito } from './cognito.js';
import type { EmulatorContext } from './context.js';
import { readBody, sendAwsJsonError, sendJson, sleep } from './http-util.js';

export async function handleCognitoRoute(req: IncomingMessage, res: ServerResponse, context: EmulatorContext): Promise<void> {
  const { faults, store, known, calls } = context;
  const { body, tooLarge } = await readBody(req);
  await sleep(faults.latencyMs);
  const header = req.headers['x-amz-target'];
  const target = typeof header === 'string' ? header : undefined;
  const operation = cognitoOperation(target);
  if (operation) calls[operation] += 1;
  if (tooLarge) return sendAwsJsonError(res, { status: 413, type: 'RequestEntityTooLarge', message: 'Request body too large' });
  const refused = operation && (faults.takeScriptedError(operation) ?? faults.throttle(operation));
  if (refused) return sendAwsJsonError(res, refused);
  const result = handleCognito(target, req.headers['content-type'], body, store, known, { nowMs: faults.now(), ttlSeconds: faults.credentialTtlSeconds });
  if ('type' in result) return sendAwsJsonError(res, result);
  sendJson(res, result.status, result.body, COGNITO_CONTENT_TYPE);
}
