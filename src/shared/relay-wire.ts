// What the browser and the shop's relay say to each other (relay mode): the browser's relay
// transport (sender/relay-transport.ts) posts a RelayBatch, the relay (relay/) answers a
// RelayResult or a RelayErrorBody. docs/relay.md documents it; both sides import it from here.

/** One event on the wire: exactly the PutEvents Event shape, `sentAt` in epoch seconds. */
export interface RelayEvent {
  eventId: string;
  eventType: string;
  sentAt: number;
  itemId?: string;
  eventValue?: number;
  /** A JSON object, as a string (at most 1024 characters). */
  properties?: string;
  impression?: string[];
  recommendationId?: string;
  metricAttribution?: { eventAttributionSource: string };
}

/** The body the browser posts: 1-100 events of one session (MAX_RELAY_BATCH), sent on as PutEvents of 10. There is no trackingId: the relay sets it. */
export interface RelayBatch {
  sessionId: string;
  userId?: string;
  eventList: RelayEvent[];
}

/** The 200 answer, once PutEvents answered: every event of the batch is in one of the lists. */
export interface RelayResult {
  accepted: string[];
  /** Events that never reached AWS (the validator's reason), or that AWS refused as invalid (its message). */
  refused: Array<{ eventId: string; reason: string }>;
}

/** The `code` of an error answer. */
export type RelayErrorCode =
  | 'InvalidRequest' // 400: malformed JSON, wrong shape, sessionId, 0 or more than 100 events
  | 'UnsupportedContentType' // 400: not application/json
  | 'OriginNotAllowed' // 403
  | 'MethodNotAllowed' // 405
  | 'PayloadTooLarge' // 413
  | 'InternalError' // 500: userId() threw or returned an invalid id, or the relay failed
  | 'AccessDenied' // 502: AWS refused the relay's credentials or permissions
  | 'ResourceNotFound' // 502: AWS does not know the trackingId
  | 'UpstreamError' // 502: another error AWS answered
  | 'Throttled' // 503: PutEvents throttled (Retry-After)
  | 'ServiceUnavailable'; // 503: AWS 5xx or unreachable (Retry-After)

/** The body of every error answer. */
export interface RelayErrorBody {
  code: RelayErrorCode;
  message: string;
  /** After PutEvents: the events whose PutEvents call succeeded, while another call of the batch failed. */
  accepted?: string[];
  /** After PutEvents: the events refused, as in a RelayResult. */
  refused?: RelayResult['refused'];
}
