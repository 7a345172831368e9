// The public types of personalize-tracker. Everything a user of the package can name lives here.

/** Options for `init()` and `createTracker()`: direct mode (Cognito) or relay mode (the shop's own server). */
export type TrackerConfig = DirectConfig | RelayConfig;

/** Direct mode: the browser signs PutEvents with Cognito guest credentials. */
export interface DirectConfig extends CommonConfig {
  /** Event tracker id from Personalize `CreateEventTracker`. Required. */
  trackingId: string;
  /** Cognito identity pool (`region:uuid`) allowing unauthenticated `personalize:PutEvents`. Required. */
  identityPoolId: string;
  /** AWS region of the event tracker and the identity pool, e.g. `us-east-1`. Required. */
  region: string;
  /** PutEvents URL override. Default: `https://personalize-events.{region}.amazonaws.com`. */
  endpoint?: string;
  /** Cognito Identity URL override. Default: `https://cognito-identity.{region}.amazonaws.com`. */
  cognitoEndpoint?: string;
  /** Relay mode only. */
  relayUrl?: undefined;
}

/** Relay mode: unsigned batches go to the shop's own server (`personalize-tracker/relay`), which holds the trackingId and the AWS role. */
export interface RelayConfig extends CommonConfig {
  /** URL of the shop's relay handler, e.g. `/events` (same origin by default). Required. */
  relayUrl: string;
  /** Direct mode only: the relay sets the trackingId. */
  trackingId?: undefined;
  /** Direct mode only. */
  identityPoolId?: undefined;
  /** Direct mode only. */
  region?: undefined;
  /** Direct mode only. */
  endpoint?: undefined;
  /** Direct mode only. */
  cognitoEndpoint?: undefined;
}

/** The options both modes take. */
export interface CommonConfig {
  /** User attached to events from now on. Default: none (anonymous, joined by sessionId). */
  userId?: string;
  /** Called with every problem the tracker cannot throw at you (storage, delivery). Default: `console.warn`. */
  onError?: (error: TrackerError) => void;
  /** Log each tracked event, batch and outcome to the console. Default: `false`. */
  debug?: boolean;
  /** Longest wait before a flush starts; once the sender has loaded, an event leaves at once. Default: `1000`. */
  flushIntervalMs?: number;
  /** Events per request: 1-10 to PutEvents, 1-100 to a relay (which sends PutEvents of 10); before the sender has loaded, a flush starts as soon as this many wait. Default: `10`, in relay mode `100`. */
  maxBatchSize?: number;
  /** Most events kept waiting, at every moment; beyond it the oldest are dropped, reported once per streak. Default: `1000`. */
  maxQueueLength?: number;
  /** Events older than this are dropped undelivered, reported once per streak. Default: 7 days (`604800000`). */
  maxEventAgeMs?: number;
  /** Treat Global Privacy Control or Do Not Track as an opt-out until `optIn()`. Default: `false`. */
  respectDoNotTrack?: boolean;
  /** Script tag only: URL of the sender chunk (`personalize-tracker-sender.js`, or `personalize-tracker-relay.js` in relay mode); required where the loader is inlined. Default: beside the loader's own URL. */
  senderUrl?: string;
  /** Script tag only: CSS selector of the element declarative tracking is limited to. Default: the whole document. */
  declarativeRoot?: string;
  /** Script tag only: the event types declarative tracking may send, separated by spaces or commas. Default: any. */
  declarativeEvents?: string;
}

/** The top-level Event fields `track()` knows, each checked against the PutEvents limits. */
export interface TrackFields {
  /** The item the user interacted with (1-256 characters). */
  itemId?: string;
  /** A number such as a rating; a numeric string like `"4.5"` is accepted. */
  eventValue?: number | string;
  /** Item ids shown to the user, in display order (1-25 ids of 1-256 characters). */
  impression?: string[];
  /** The recommendation the item came from (1-40 characters). */
  recommendationId?: string;
  /** A stable id for this event (1-256 characters). Default: the page's random UUID and the event's number on the page. */
  eventId?: string;
  /** The metric attribution source of this event (1-1024 printable ASCII characters). */
  metricAttribution?: { eventAttributionSource: string };
}

/** The properties of one `track()` call. Keys other than the top-level Event fields go into `properties`. */
export interface TrackProperties extends TrackFields {
  /** Anything else: sent as the JSON object in `properties` (at most 1024 characters). */
  [property: string]: unknown;
}

/** Reasons a `TrackerError` is reported through `onError`. */
export type TrackerErrorCode =
  | 'storage-unavailable' // IndexedDB or localStorage refused (named in the message); what is at risk is said there
  | 'event-rejected' // the service refused an event as invalid; it was dropped
  | 'unknown-tracking-id' // the service does not know the trackingId; events are kept, sending stopped
  | 'delivery-failed' // a delivery attempt failed; the events stay queued and are retried
  | 'queue-full' // more than maxQueueLength events waited; the oldest were dropped (one report per streak)
  | 'event-expired' // events waited longer than maxEventAgeMs; they were dropped (one report per streak)
  | 'config-invalid'; // init() was given an unusable config

/** An error the tracker reports through `onError` instead of throwing into the page. */
export interface TrackerError extends Error {
  code: TrackerErrorCode;
  /** The event concerned, as it was queued (for drops: the oldest dropped). */
  event?: QueuedEvent;
  /** For `queue-full` and `event-expired`: how many events this streak of drops took, and the oldest and newest. */
  dropped?: { count: number; oldest: QueuedEvent; newest: QueuedEvent };
}

/** The Event fields sent to PutEvents, as the tracker queues them (`sentAt` in epoch milliseconds). */
export interface EventFields {
  eventType: string;
  eventId: string;
  sentAt: number;
  itemId?: string;
  eventValue?: number;
  impression?: string[];
  recommendationId?: string;
  properties?: string;
  metricAttribution?: { eventAttributionSource: string };
}

/** One event waiting in the queue, with the identity it was tracked under. */
export interface QueuedEvent {
  /** Queue key: unique per tracked event, sorting by tracking time. */
  key: string;
  /** The page that tracked it: only that page sends it while it is alive (see owner-lock.ts). */
  owner: string;
  /** Its destination: the trackingId, or the relayUrl in relay mode (shared/destination.ts). */
  trackingId: string;
  sessionId: string;
  userId?: string;
  event: EventFields;
  /**
   * Milliseconds from the device clock `event.sentAt` was stamped on to the service's, noted by the
   * page that tracked it once it knew them: a device clock changed since does not move the event.
   */
  clockOffsetMs?: number;
}

/** What `flush()` resolves with. */
export interface FlushResult {
  /** Events accepted by the service during this flush. */
  delivered: number;
  /** Events the service refused as invalid (each reported through `onError`). */
  rejected: number;
  /** Events still queued after this flush (retried later with backoff). */
  pending: number;
}

/**
 * An app's own event catalogue for a typed tracker: each event type with its properties, e.g.
 * `{ MovieRating: { itemId: string; eventValue: number }; PageView: { path: string } }`.
 * Checked key by key rather than against TrackProperties' index signature, so named interfaces
 * (which have no implicit index signature) work as well as type literals.
 */
export type EventCatalog<Events> = { [EventType in keyof Events]: EventProperties<Events[EventType]> };

/** The shape an event's properties must have: the known Event fields typed as track() takes them, anything else free. */
export type EventProperties<Properties> = {
  [Key in keyof Properties]: Key extends keyof TrackFields ? TrackFields[Key] : unknown;
};

/** Any event type with any properties: the catalogue of an untyped tracker. */
export type AnyEvents = Record<string, TrackProperties>;

/** track()'s arguments after the event type: the properties, optional only if every one of them is. */
export type TrackArguments<Properties> = {} extends Properties ? [properties?: Properties] : [properties: Properties];

/** A tracker: the same methods as the package's top-level functions. `Events` types track(). */
export interface Tracker<Events extends EventCatalog<Events> = AnyEvents> {
  /** Configures the tracker and delivers events left by earlier pages. */
  init(config: TrackerConfig): void;
  /** Validates, stamps and queues one event. Throws a `TypeError` for invalid input; nothing is queued then. */
  track<EventType extends keyof Events & string>(eventType: EventType, ...properties: TrackArguments<Events[EventType]>): void;
  /** Attaches `userId` to later events, keeping the session so the anonymous history joins the user. */
  identify(userId: string): void;
  /** For logout: clears the user and starts a new session. */
  reset(): void;
  /** Resolves once everything queued before the call was delivered, refused, or left queued after a failed attempt. */
  flush(): Promise<FlushResult>;
  /** Stops tracking at once, in every tab, and deletes the queue; remembered until `optIn()`. */
  optOut(): void;
  /** Resumes tracking after `optOut()` (or despite Do Not Track with `respectDoNotTrack`). */
  optIn(): void;
}
