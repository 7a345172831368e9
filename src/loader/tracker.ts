// createTracker(): the loader's side, on the page's critical path. track() validates, stamps and
// queues synchronously; the sender chunk (AWS SDK, batching, retries, page lifecycle) is loaded
// when the page is idle or a flush is due, and only ever sees the queue.
// Room rule: src/loader/ imports src/shared/ and the public types, never src/sender/ but for the
// one dynamic import of the sender chunk (default-tracker.ts); e2e/node/layers.test.ts checks it.
import { checkConfig, checkUserId } from './config';
import { forgetStored, isOptedOut, storeChoice, watchChoice } from './consent';
import { MAX_BATCH } from '../shared/limits';
import { DEFAULT_FLUSH_INTERVAL_MS } from '../shared/defaults';
import { destinationOf } from '../shared/destination';
import { holdOwnerLock } from './owner-lock';
import type { EventQueue } from '../shared/contract';
import { createQueue } from './queue';
import { FIRST_SEQUENCE, queueKey } from '../shared/queue-key';
import { randomId } from '../shared/random-id';
import type { Delivery, FlushTrigger, LoadSender } from '../shared/contract';
import { currentSessionId, startNewSession } from './session';
import { trackerError } from '../shared/tracker-error';
import type { FlushResult, QueuedEvent, Tracker, TrackerConfig, TrackerError, TrackProperties } from '../types';
import { toEventFields } from './validate';
import { whenLoadedAndIdle } from './when-loaded-and-idle';

const LOAD_RETRY_BASE_MS = 1_000; // a sender chunk that failed to load is fetched again after 1 s, 2 s, 4 s…
const LOAD_RETRY_MAX_MS = 60_000;


/** A tracker whose sender chunk comes from `loadSender`. */
export function createTrackerWith(loadSender: LoadSender, initialConfig?: TrackerConfig): Tracker {
  const owner = randomId(); // this page's id on its events; the sender holds a Web Lock named after it
  let keySequence = FIRST_SEQUENCE;
  let config: TrackerConfig | undefined;
  let queue: EventQueue | undefined;
  let userId: string | undefined;
  let sessionId: string | undefined;
  let delivery: Promise<Delivery> | undefined;
  let ready: Delivery | undefined; // the sender, once loaded
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let addedSinceFlush = 0;
  let loadFailures = 0;
  let loadRetry: ReturnType<typeof setTimeout> | undefined;
  let optedOut = isOptedOut();
  const beforeInit: QueuedEvent[] = [];

  /** Forgets everything queued and stored (session, retry time, Cognito identity): nothing is stored or sent while opted out. */
  function dropQueue(): void {
    beforeInit.length = 0;
    sessionId = undefined;
    forgetStored();
    void queue?.clear();
  }

  /** Opted out: here, or in a way only the sender's IndexedDB copy kept (localStorage was full). */
  function stopAndForget(): void {
    optedOut = true;
    dropQueue();
  }

  /** Remembers the visitor's choice; one localStorage refuses is reported. The sender chunk keeps it in IndexedDB too. */
  function choose(choice: 'in' | 'out'): void {
    if (!storeChoice(choice)) report(trackerError('storage-unavailable', `localStorage refused the choice "${choice}"`));
    if (config) loadSender(config, loadFailures).then((sender) => sender.chose(choice)).catch(() => undefined);
  }

  const report = (error: TrackerError) => {
    try {
      (config?.onError ?? console.warn)(error);
    } catch {
      // an onError that throws must not break the page or the tracker
    }
  };

  /** Loads the sender once; it delivers what earlier pages left as soon as it starts. */
  function getDelivery(): Promise<Delivery> {
    delivery ??= loadSender(config, loadFailures).then(
      (sender) => {
        ready = sender.createDelivery({ config: config!, queue: queue!, owner, report, optOut: stopAndForget, tracker });
        return ready;
      },
      (cause) => {
        // A network blip: fetch the chunk again with backoff, since no page event may come to ask.
        delivery = undefined;
        clearTimeout(loadRetry);
        loadRetry = setTimeout(() => void requestFlush('load'), Math.min(LOAD_RETRY_MAX_MS, LOAD_RETRY_BASE_MS * 2 ** loadFailures++));
        throw cause;
      },
    );
    return delivery;
  }

  function requestFlush(trigger: FlushTrigger): Promise<FlushResult> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    addedSinceFlush = 0;
    const notSent = (): FlushResult => ({ delivered: 0, rejected: 0, pending: queue?.size() ?? beforeInit.length });
    if (!config || optedOut) return Promise.resolve(notSent());
    return getDelivery()
      .then((ready) => ready.flush(trigger))
      .catch((cause) => {
        if (!optedOut) report(trackerError('delivery-failed', `sender failed (${cause}); events kept`)); // not while opted out: nothing is to be sent
        return notSent();
      });
  }

  function enqueue(record: QueuedEvent): void {
    queue!.add(record);
    if (ready) ready.added(record); // logs it (debug) and sends at once; until the sender is there, a flush waits for a full batch or flushIntervalMs
    else if (++addedSinceFlush >= (config!.maxBatchSize ?? MAX_BATCH)) void requestFlush('batch-full');
    else flushTimer ??= setTimeout(() => void requestFlush('timer'), config!.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
  }

  function loadWhenIdle(): void {
    // Events waiting at load (a page view tracked during start-up) want the sender then, not at idle.
    whenLoadedAndIdle(() => optedOut || void getDelivery().catch(() => undefined), () => queue!.size() > 0);
  }

  const tracker: Tracker = {
    init(newConfig) {
      checkConfig(newConfig);
      if (config) return; // documented: the first configuration stays; more trackers come from createTracker()
      config = { ...newConfig };
      userId ??= config.userId;
      holdOwnerLock(owner); // before anything is stored: from now on, this page's events are its own
      queue = createQueue(owner);
      // The visitor's choice now (which also reaches an optOut() made before init()), and whenever another tab changes it.
      const applyChoice = () => {
        optedOut = isOptedOut(config!.respectDoNotTrack);
        if (optedOut) dropQueue();
      };
      applyChoice();
      watchChoice(applyChoice);
      // Back online: the loader listens itself, since a sender that failed to load offline is not there to hear it.
      addEventListener('online', () => requestFlush('online'));
      for (const record of beforeInit.splice(0)) enqueue({ ...record, trackingId: destinationOf(config) });
      loadWhenIdle();
    },
    track(eventType: string, properties?: TrackProperties) {
      const sequence = keySequence++;
      // Unique without drawing random bytes: the page's random id and the event's number on the page.
      const event = toEventFields(eventType, properties, Date.now(), () => `${owner}-${sequence.toString(36)}`);
      if (optedOut) return; // input errors still throw, so a developer sees them whatever the visitor chose
      sessionId ??= currentSessionId();
      const key = queueKey(event.sentAt, sequence, owner);
      const record = { key, owner, trackingId: config && destinationOf(config), sessionId, event } as QueuedEvent; // trackingId set at init
      if (userId) record.userId = userId;
      if (config) enqueue(record);
      else beforeInit.push(record);
    },
    identify(newUserId: string) {
      userId = checkUserId('identify()', newUserId);
    },
    reset() {
      userId = undefined;
      sessionId = startNewSession();
    },
    flush: () => requestFlush('flush'),
    optOut() {
      choose('out');
      stopAndForget();
    },
    optIn() {
      choose('in');
      optedOut = false;
      if (config) loadWhenIdle();
    },
  };
  if (initialConfig) tracker.init(initialConfig);
  return tracker;
}
