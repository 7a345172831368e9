// Delivery: the sender chunk's state and page lifecycle over the page's queue, whatever carries a
// batch (a Transport: PutEvents signed in the browser, put-events-transport.ts). Passes over the
// queue, sends on page hide, exit notes, bounds, consent and retries all live here; the network
// does not, so this is unit-tested in Node with an in-memory transport (e2e/node/delivery-*.test.ts).
import { toBatches } from './batch';
import { createBatchDelivery, type Tally } from './batch-delivery';
import { createClockStamps } from './clock-stamps';
import { createConsentCheck } from './consent';
import { createDropReport } from './drop-report';
import { announceLeaving, createLeftNote, watchLeavingPages } from './exit-notes';
import { watchPageLifecycle } from './page-lifecycle';
import { KEEPALIVE_BUDGET_BYTES, createKeepaliveBudget, requestBytes, splitToBudget } from './keepalive-budget';
import { createParallelSends } from './parallel-sends';
import { createPassQueue } from './pass-queue';
import { beyondBound } from './queue-bounds';
import { DEFAULT_MAX_QUEUE_LENGTH } from '../shared/defaults';
import { destinationOf } from '../shared/destination';
import { trackerError } from '../shared/tracker-error';
import { removeNote } from '../shared/web-storage';
import { createNoteWriter } from './note-writer';
import { resolveOptions } from './options';
import { ORPHAN_GRACE_MS, withSendLock } from './live-owners';
import type { Delivery, DeliveryOptions, FlushTrigger, Transport } from '../shared/contract';
import { createRetrySchedule } from './retry-schedule';
import { sendableRecords } from './sendable';
import { noteSessionOwner, restampCopied, settleSession } from './session-copy';
import { createPageQueue } from './page-queue';
import { createStoredQueue, describeStorageFailure } from './stored-queue';
import type { FlushResult, TrackerConfig } from '../types';
import { createDebugLog } from './debug-log';

const SWEEP_INTERVAL_MS = 60_000; // routine passes look for orphaned events at most this often
const SWEEP_TRIGGERS: FlushTrigger[] = ['start', 'pageshow', 'online', 'flush', 'retry', 'sweep'];

/** Delivers the page's queue through the transport `createTransport` makes for the resolved config. */
export function createDeliveryWith({ config: givenConfig, queue, owner, report, optOut }: DeliveryOptions, createTransport: (config: TrackerConfig) => Transport): Delivery {
  const config = resolveOptions(givenConfig, report);
  const log = createDebugLog(config.debug);
  const transport = createTransport(config);
  const destination = destinationOf(config);
  const inFlight = new Set<string>();
  const retry = createRetrySchedule(() => void delivery.flush('retry'), log);
  const budget = createKeepaliveBudget();
  let stopped = false; // the service does not know the trackingId: keep the events, stop sending
  let optedIn = false; // nothing leaves before a pass read the visitor's choice, the IndexedDB copy too
  const consentAllows = createConsentCheck(optOut);
  let leaving = false; // from beforeunload or pagehide until the page stays or comes back from the back/forward cache
  let lastSweep = -Infinity; // on the monotonic clock: a device clock set back must not hold sweeps off
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  let sessionSettled: Promise<void> | undefined;

  const notes = createNoteWriter(report);
  // The page's queue is the sender's from here: each record notes the clock offset it was stamped
  // under before it is stored or sent.
  const page = createPageQueue(
    queue.noteKey,
    (added) => {
      adoptStamps(added);
      stored.write(added);
    },
    () => stored.clearAll(),
  );
  const adoptStamps = createClockStamps(page, owner);
  const handed = queue.handOver({
    add: (record) => page.add(restampCopied(record)),
    size: page.size,
    clear: page.clear,
  });
  page.put(handed);
  for (const record of handed) log('tracked', record.event); // before this chunk loaded
  adoptStamps(handed);
  const stored = createStoredQueue(
    page,
    notes,
    (cause) => report(trackerError('storage-unavailable', describeStorageFailure(cause))),
    (keys) => leftNote.deleted(keys), // a delivered event's note is kept until its delete committed
  );
  const leftNote = createLeftNote(owner, notes);
  const drops = createDropReport(report);
  let passSoon = false;
  /** The service does not know the trackingId: true the first time. */
  const stopSending = () => {
    if (stopped) return false;
    stopped = true;
    return true;
  };
  const deliverBatch = createBatchDelivery({ transport, stored, inFlight, budget, retry, leftNote, leaving: () => leaving, report, log, stop: stopSending });
  const sendAll = createParallelSends({ transport, budget, inFlight, page, owner, deliverBatch });

  // Not in the task that evaluated this chunk and built the clients (~40 ms at 4× CPU together).
  setTimeout(() => transport.warm().catch((error) => log('could not fetch credentials yet', error)));

  async function pass(triggers: Set<FlushTrigger>): Promise<FlushResult> {
    const tally: Tally = { delivered: 0, rejected: 0 };
    const forced = triggers.has('online') || triggers.has('retry');
    const allowed = await consentAllows();
    // Before anything leaves (sendNow waits for optedIn too): a copied tab's events move to its own session.
    if (allowed) {
      sessionSettled ??= settleSession(owner, page, stored.write);
      await sessionSettled;
    }
    optedIn = allowed;
    if (optedIn && !stopped && (forced || !retry.waiting())) {
      // Orphans of closed pages need an IndexedDB read: look for them on these triggers or now and then.
      const sweep = [...triggers].some((trigger) => SWEEP_TRIGGERS.includes(trigger)) || performance.now() - lastSweep > SWEEP_INTERVAL_MS;
      if (sweep) lastSweep = performance.now();
      await withSendLock(async () => {
        const { records, sweepAgainInMs } = await sendableRecords({ page, stored, notes, config, owner, inFlight, drops, sweep });
        if (sweepAgainInMs !== undefined) sweepIn(sweepAgainInMs);
        await sendAll(toBatches(records, config.maxBatchSize, transport.maxBatch), tally);
        await stored.flushDeletes();
      });
    }
    return { ...tally, pending: page.size() };
  }

  const flush = createPassQueue(pass);

  function sweepIn(delayMs: number): void {
    sweepTimer ??= setTimeout(() => {
      sweepTimer = undefined;
      void delivery.flush('sweep');
    }, delayMs);
  }
  // Another page of the origin (a tab, or a widget's iframe removed from this page) left events
  // behind: they are orphans once its lock is let go, so this page sends them in a moment.
  watchLeavingPages(owner, () => sweepIn(ORPHAN_GRACE_MS));

  watchPageLifecycle({
    onHidden() {
      delivery.sendNow();
      drops.flush();
    },
    onLeaving(now) {
      leaving = now;
    },
    onPageHide() {
      leaving = true;
      stored.saveUnsaved();
      if (page.size() > 0) announceLeaving(owner);
      delivery.sendNow();
      drops.flush();
    },
    onShown() {
      leftNote.stay();
    },
    onResume(trigger) {
      leaving = false;
      leftNote.stay();
      if (optedIn) noteSessionOwner(owner);
      if (page.unsavedCount() === 0) removeNote(page.noteKey); // alive again: the note would be stale
      void delivery.flush(trigger);
    },
  });

  const delivery: Delivery = {
    added(record) {
      log('tracked', record.event);
      // The bound holds at every moment, not only when a pass runs: the oldest waiting events go first.
      // (Compared first: a burst calls this a thousand times in the page's task.)
      const oldest = page.size() > (config.maxQueueLength ?? DEFAULT_MAX_QUEUE_LENGTH) ? beyondBound(page.values(), page.size(), inFlight, config.maxQueueLength) : [];
      if (oldest.length > 0) {
        stored.remove(oldest.map((record) => record.key));
        drops.dropped('queue-full', oldest);
      }
      // Real time: the first event after a quiet moment leaves at once; those tracked in the same
      // tick, or while a pass sends, go together in the next pass.
      if (passSoon) return;
      passSoon = true;
      queueMicrotask(() => {
        passSoon = false;
        void delivery.flush('track');
      });
    },
    flush: (trigger = 'flush') => flush(trigger),
    sendNow() {
      void stored.flushDeletes();
      // During a backoff the events wait, here or in IndexedDB for the next visit: a tab switched
      // back and forth must not become a retry loop against a throttling service.
      const sending = optedIn && !stopped && !retry.waiting();
      const waiting = !sending ? [] : page.records().filter((record) => record.trackingId === destination && !inFlight.has(record.key));
      for (const batch of splitToBudget(toBatches(waiting, config.maxBatchSize, transport.maxBatch))) {
        // Keepalive bodies in flight share one 64 KB budget per page; the rest waits for the next visit.
        if (!budget.fits(requestBytes(batch))) break;
        void deliverBatch(batch, { delivered: 0, rejected: 0 });
      }
      // The page may be gone before any answer arrives, or before a delivered event's delete commits:
      // the next page must not send these again.
      leftNote.leave(stored.deleting);
      if (sending) log(`page hidden: sending with keepalive, ${budget.used} of ${KEEPALIVE_BUDGET_BYTES} bytes in flight`);
    },
  };
  void delivery.flush('start'); // events left by earlier pages, and any tracked before the sender loaded
  return delivery;
}
