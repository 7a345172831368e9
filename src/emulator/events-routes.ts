// The Personalize Events routes, by path: PutEvents (POST /events) and PutActionInteractions
// (POST /action-interactions), both through the signed pipeline of signed-route.ts. Paths from
// the model's @http traits (botocore's personalize-events/2018-03-22/service-2.json, and
// PutEvents$ / PutActionInteractions$ in the JS SDK's schemas).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { validatePutActionInteractions, type PutActionInteractionsInput } from './put-action-interactions.js';
import { validatePutEvents, type PutEventsInput } from './put-events.js';
import { handleSignedOperation, type SignedOperation } from './signed-route.js';

type Handler = (req: IncomingMessage, res: ServerResponse, requestId: string, context: EmulatorContext) => Promise<void>;

const PUT_EVENTS: SignedOperation<PutEventsInput> = {
  name: 'PutEvents',
  listKey: 'eventList',
  validate: validatePutEvents,
  // The faults control's poisoned item ids: a valid request the service refuses anyway.
  lastCheck: (input, { faults }) => faults.poisonMessage(input),
  accept: (input, requestId, receivedAt, { log }) => log.accept(input, requestId, receivedAt),
};

const PUT_ACTION_INTERACTIONS: SignedOperation<PutActionInteractionsInput> = {
  name: 'PutActionInteractions',
  listKey: 'actionInteractions',
  validate: validatePutActionInteractions,
  accept: (input, requestId, receivedAt, { log }) => log.acceptActionInteractions(input, requestId, receivedAt),
};

function handlerOf<Input extends { trackingId: string }>(operation: SignedOperation<Input>): Handler {
  return (req, res, requestId, context) => handleSignedOperation(operation, req, res, requestId, context);
}

/** The handler of `POST <path>`, if `path` is a Personalize Events operation. */
export function eventsRoute(path: string): Handler | undefined {
  if (path === '/events') return handlerOf(PUT_EVENTS);
  if (path === '/action-interactions') return handlerOf(PUT_ACTION_INTERACTIONS);
  return undefined;
}
