// The one door between the chunks. The loader (critical path) and the sender (network) never
// import each other: the loader imports the sender chunk dynamically and hands it these objects;
// both sides import only this room (src/shared/) and the public types.
import type { FlushResult, QueuedEvent, Tracker, TrackerConfig, TrackerError } from '../types';

/** Why a pass over the queue starts. */
export type FlushTrigger =
  | 'start' // the sender chunk started
  | 'track' // an event was tracked (the sender is there)
  | 'timer' // flushIntervalMs passed (before the sender is there)
  | 'batch-full' // a full batch waits (before the sender is there)
  | 'load' // retry of a sender chunk that failed to load
  | 'flush' // the page called flush()
  | 'online' // the browser came back online
  | 'pageshow' // back from the back/forward cache
  | 'retry' // a backoff ended
  | 'sweep'; // orphans of a gone page are due

/** The page's own events: held by the loader until the sender takes them over (loader/queue.ts). */
export interface EventQueue {
  /** Queues a record now: in web storage at the end of the tick, or, once the sender took over, through it. */
  add(record: QueuedEvent): void;
  /** The web-storage key of this page's records not yet in IndexedDB (its exit note). */
  readonly noteKey: string;
  /** How many of this page's records are queued. */
  size(): number;
  /** Forgets this page's records (opt-out, after forgetStored()); through the sender, every page's stored queue too. */
  clear(): void;
  /** The sender takes the queue over, once: it gets the records held so far, and `storage` gets every later one. */
  handOver(storage: QueueStorage): QueuedEvent[];
}

/** The sender's side of the queue, handed to the loader's queue once (sender/page-queue.ts). */
export interface QueueStorage {
  add(record: QueuedEvent): void;
  size(): number;
  clear(): void;
}

/** One request's worth of events: one trackingId, one session and one user (the service's rule), at most the transport's maxBatch. */
export interface Batch {
  trackingId: string;
  sessionId: string;
  userId?: string;
  records: QueuedEvent[];
}

/**
 * What carries one batch to the service: PutEvents signed in the browser (sender/put-events-transport.ts),
 * or the shop's relay. A failure rejects with an Error whose `name` is the service's error type, with
 * `$metadata.httpStatusCode` (none for a network error) and `$response.headers` (`retry-after`), as
 * the AWS SDK's errors are: sender/retry-policy.ts classifies them.
 */
export interface Transport {
  /** Most events per request: MAX_BATCH for PutEvents, MAX_RELAY_BATCH for the relay. */
  readonly maxBatch: number;
  /** Sends one batch; `handedOff` runs right after its request went to fetch(). Resolves once the service took it, naming the events it refused. */
  send(batch: Batch, handedOff?: () => void): Promise<SendResult | void>;
  /** Gets ready to send (credentials) now, so that a send on page hide never waits for the network. */
  warm(): Promise<unknown>;
  /** After a credentials failure: drops what the failed send signed with, so that the next send fetches new ones. */
  refreshCredentials(failed: unknown): void;
}

/** A batch the service took: the events it refused as invalid, with its reason (the relay names them; PutEvents refuses a whole batch instead). */
export interface SendResult {
  refused: Array<{ eventId: string; reason: string }>;
}

/** What the loader hands the sender chunk, once. */
export interface DeliveryOptions {
  config: TrackerConfig;
  queue: EventQueue;
  /** This page's owner id (see loader/owner-lock.ts). */
  owner: string;
  report: (error: TrackerError) => void;
  /** Stops and forgets, as the loader's optOut() does, without storing the choice again: for an opt-out only the sender's IndexedDB copy kept (sender/consent.ts). */
  optOut: () => void;
  /** The tracker, for declarative tracking in the script tag's chunk (sender/script-tag-delivery.ts). */
  tracker: Pick<Tracker, 'track'>;
}

/** What the sender chunk gives back. */
export interface Delivery {
  /** This page just queued `record`: maxQueueLength is applied at once, and a pass starts at the end of the tick. */
  added(record: QueuedEvent): void;
  /** One pass over everything this page may send; during a backoff only `online` and the retry timer start one. */
  flush(trigger?: FlushTrigger): Promise<FlushResult>;
  /** Page hide: starts sending this page's own events at once, in parallel, from memory. */
  sendNow(): void;
}

/** The sender chunk's module: `import('../sender/sender')` in the npm build, a URL by script tag. */
export interface SenderModule {
  createDelivery(options: DeliveryOptions): Delivery;
  /** Keeps the choice in IndexedDB too; after an opt-out, deletes the stored queue of every page. */
  chose(choice: 'in' | 'out'): Promise<unknown>;
}

/** How the loader gets its sender chunk; `attempt` counts failed loads (a new URL each, for Firefox). */
export type LoadSender = (config?: TrackerConfig, attempt?: number) => Promise<SenderModule>;
