// PutEvents limits, from the service model: https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_PutEvents.html
// and https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_Event.html (botocore's personalize-events/2018-03-22/service-2.json).
export const MAX_ID_LENGTH = 256; // trackingId, sessionId, userId, eventType, eventId, itemId, impression ids
export const MAX_RECOMMENDATION_ID_LENGTH = 40;
export const MAX_IMPRESSIONS = 25; // ids per impression list
export const MAX_PROPERTIES_LENGTH = 1024; // characters of the properties JSON string
export const MAX_ATTRIBUTION_SOURCE_LENGTH = 1024;
export const MAX_BATCH = 10; // events per PutEvents request
/** Events per request to the shop's relay, which sends them on as PutEvents of MAX_BATCH: one fetch() costs the page about 1 ms of main thread in Chromium, whatever its size. */
export const MAX_RELAY_BATCH = 100;
export const MAX_FLOAT32 = 3.4028234663852886e38; // eventValue is a 32-bit float in the service model
/** Keys the service refuses inside `properties`, in any casing. */
export const RESERVED_PROPERTY_KEY = /^(userId|sessionId|eventType|timestamp|recommendationId|impression)$/i;
/** Keys of track()'s properties that are Event fields of their own rather than `properties` keys. */
export const TOP_LEVEL_KEYS = ['itemId', 'eventValue', 'impression', 'recommendationId', 'eventId', 'metricAttribution'];

// PutActionInteractions limits (Next Best Action), from the service model:
// https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_PutActionInteractions.html and
// https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_ActionInteraction.html (botocore's
// personalize-events/2018-03-22/service-2.json). Ids, recommendationId, impression lists and
// properties share the PutEvents limits above (MAX_ID_LENGTH covers actionId and impression ids).
// The emulator keeps its own copies (src/emulator is built on its own, without this folder).
export const MAX_ACTION_BATCH = 10; // action interactions per PutActionInteractions request
/**
 * The event types the model documents for an action interaction. The model has no enum trait (its
 * eventType is a 1-256 character string), but the developer guide says the event type "can be one
 * of" these (https://docs.aws.amazon.com/personalize/latest/dg/recording-action-interaction-events.html),
 * so the browser side keeps to them.
 */
export const ACTION_EVENT_TYPES = ['Viewed', 'Taken', 'Not Taken'] as const;
