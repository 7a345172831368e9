// Validation of a PutActionInteractions request body (Next Best Action) against every limit of
// the Personalize Events model: botocore's personalize-events/2018-03-22/service-2.json and
// https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_PutActionInteractions.html and
// https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_ActionInteraction.html (the JS SDK's
// schema names the members and types but carries no @length traits). Shared checks are in fields.ts.
import {
  entryObject, ID_MAX_LENGTH, optionalString, requiredEpochSeconds, requiredId, requiredList, sharedOptionalFields, validated,
  type SharedOptionalFields,
} from './fields.js';

/** ActionInteractionsList: 1-10 action interactions per request. */
const MAX_ACTION_INTERACTIONS = 10;

/**
 * One action interaction as received. `eventType` is the model's StringType (1-256): the model
 * documents "Viewed", "Taken" and "Not Taken" but has no enum trait, and nothing documents a
 * refusal of another value, so the emulator refuses only what the model does and accepts any
 * 1-256 character string (the tracker's browser side keeps to the documented three).
 */
export interface ActionInteraction extends SharedOptionalFields {
  actionId: string;
  sessionId: string;
  timestamp: number;
  eventType: string;
  userId?: string;
}

export interface PutActionInteractionsInput {
  trackingId: string;
  actionInteractions: ActionInteraction[];
}

/** Returns the validated input, or a message naming the offending field and the limit. */
export function validatePutActionInteractions(body: unknown): PutActionInteractionsInput | string {
  return validated(body, (object) => {
    const trackingId = requiredId(object, 'trackingId', '');
    const list = requiredList(object, 'actionInteractions', MAX_ACTION_INTERACTIONS, 'action interactions');
    return { trackingId, actionInteractions: list.map((entry, index) => validateInteraction(entry, `actionInteractions[${index}]`)) };
  });
}

function validateInteraction(value: unknown, path: string): ActionInteraction {
  const entry = entryObject(value, path);
  const prefix = `${path}.`;
  const out: ActionInteraction = {
    actionId: requiredId(entry, 'actionId', prefix),
    sessionId: requiredId(entry, 'sessionId', prefix),
    timestamp: requiredEpochSeconds(entry, 'timestamp', prefix),
    eventType: requiredId(entry, 'eventType', prefix),
  };
  const userId = optionalString(entry, 'userId', prefix, ID_MAX_LENGTH);
  if (userId !== undefined) out.userId = userId;
  return Object.assign(out, sharedOptionalFields(entry, prefix, 'action ids'));
}
