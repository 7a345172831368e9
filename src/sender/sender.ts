// The sender: everything that touches the network. This module is the lazily loaded chunk; the
// page's critical path (track(): validate, stamp, persist) never imports it or the AWS SDK.
import { toBatches } from './batch';
import { createBatchDelivery, type Tally } from './batch-delivery';
import { createClockStamps } from './clock-stamps';
import { knownChoice } from './consent-copy';
import { createDropReport } from './drop-report';
import { createLeftNote } from './exit-notes';
import { watchPageLifecycle } from './flush-triggers';
import { KEEPALIVE_BUDGET_BYTES, createKeepaliveBudget, requestBytes, splitToBudget } from './keepalive-budget';
import { createParallelSends } from './parallel-sends';
import { createPassQueue } from './pass-queue';
import { beyondBound } from './queue-bounds';
import { trackerError } from '../loader/tracker-error';
import { removeStorage } from '../loader/web-storage';
import { resolveOptions } from './options';
import { withSendLock } from './live-owners';
import { createPutEventsSender } from './put-events-client';
import type { EventQueue } from '../loader/queue';
import { createRetrySchedule } from './retry-schedule';
import { sendableRecords } from './sendable';
import { createStoredQueue, ownRecords } from './stored-queue';
import type { FlushResult, TrackerConfig, TrackerError } from '../types';

export { chose } from './consent-copy'; // optOut() and optIn(), also before the sender started

export interface DeliveryOptions {
  config: TrackerConfig;
  queue: EventQueue;
  /** This page's owner id (see owner-lock.ts). */
  owner: string;
  report: (error: TrackerError) => void;
  log: (message: string, ...details: unknown[]) => void;
  /** The loader's optOut(), for an opt-out only IndexedDB remembers (sender/consent-copy.ts). */
  optOut: () => void;
}

export interface Delivery {
  /** This page just queued an event: maxQueueLength is applied at once, and a pass starts at the end of the tick. */
  added(): void;
  /** One pass over everything this page may send; during a backoff only `online` and the retry timer start one. */
  flush(trigger?: string): Promise<FlushResult>;
  /** Page hide: starts sending this page's own events at once, in parallel, from memory. */
  sendNow(): void;
}

const SWEEP_INTERVAL_MS = 60_000; // routine passes look for orphaned events at most this often
const SWEEP_TRIGGERS = ['start', 'pageshow', 'online', 'flush', 'retry', 'sweep'];

export function createDelivery({ config: givenConfig, queue, owner, report, log, optOut }: DeliveryOptions): Delivery {
  const config = resolveOptions(givenConfig, report);
  const sender = createPutEventsSender(config);
  const inFlight = new Set<string>();
  const retry = createRetrySchedule(() => void delivery.flush('retry'), log);
  const budget = createKeepaliveBudget();
  let stopped = false; // the service does not know the trackingId: keep the events, stop sending
  let optedIn = false; // nothing leaves before a pass read the visitor's choice, the IndexedDB copy too
  let toldLoader = false;
  let leaving = false; // from beforeunload or pagehide until the page stays or comes back from the back/forward cache
  let lastSweep = -Infinity; // on the monotonic clock: a device clock set back must not hold sweeps off
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;

  // Each of this page's records notes the clock offset it was stamped under before it is stored or sent.
  const adoptStamps = createClockStamps(queue, owner);
  adoptStamps(queue.mirror.values());
  const stored = createStoredQueue(queue, (cause) => report(trackerError('storage-unavailable', `IndexedDB failed (${cause}); events are kept in memory only`)));
  const storeAdded = queue.store;
  queue.store = (added) => {
    adoptStamps(added);
    storeAdded(added);
  };
  const leftNote = createLeftNote(owner);
  const drops = createDropReport(report);
  let passSoon = false;
  const deliverBatch = createBatchDelivery({ sender, stored, inFlight, budget, retry, leftNote, leaving: () => leaving, report, log, stop: () => !stopped && (stopped = true) });
  const sendAll = createParallelSends({ sender, budget, inFlight, queue, owner, deliverBatch });

  // Not in the task that evaluated this chunk and built the clients (~40 ms at 4× CPU together).
  setTimeout(() => sender.warm().catch((error) => log('could not fetch credentials yet', error)));

  async function pass(triggers: Set<string>): Promise<FlushResult> {
    const tally: Tally = { delivered: 0, rejected: 0 };
    const forced = triggers.has('online') || triggers.has('retry');
    // An opt-out only IndexedDB kept (localStorage was full) reaches the loader here.
    optedIn = (await knownChoice()) !== 'out';
    if (!optedIn && !toldLoader) (toldLoader = true), optOut();
    if (optedIn && !stopped && (forced || !retry.waiting())) {
      // Orphans of closed pages need an IndexedDB read: look for them on these triggers or now and then.
      const sweep = [...triggers].some((trigger) => SWEEP_TRIGGERS.includes(trigger)) || performance.now() - lastSweep > SWEEP_INTERVAL_MS;
      if (sweep) lastSweep = performance.now();
      await withSendLock(async () => {
        const { records, sweepAgainInMs } = await sendableRecords({ queue, stored, config, owner, inFlight, drops, sweep });
        if (sweepAgainInMs !== undefined) {
          sweepTimer ??= setTimeout(() => {
            sweepTimer = undefined;
            void delivery.flush('sweep');
          }, sweepAgainInMs);
        }
        await sendAll(splitToBudget(toBatches(records, config.maxBatchSize)), tally);
        await stored.flushDeletes();
      });
    }
    return { ...tally, pending: queue.mirror.size };
  }

  const flush = createPassQueue(pass);

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
      delivery.sendNow();
      drops.flush();
    },
    onResume(trigger) {
      leaving = false;
      if (queue.unsaved.size === 0) removeStorage('localStorage', queue.noteKey); // alive again: the note would be stale
      void delivery.flush(trigger);
    },
  });

  const delivery: Delivery = {
    added() {
      // The bound holds at every moment, not only when a pass runs: the oldest waiting events go first.
      const oldest = beyondBound(queue.mirror, inFlight, config.maxQueueLength);
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
      const waiting = !sending ? [] : ownRecords(queue).filter((record) => record.trackingId === config.trackingId && !inFlight.has(record.key));
      for (const batch of splitToBudget(toBatches(waiting, config.maxBatchSize))) {
        // Keepalive bodies in flight share one 64 KB budget per page; the rest waits for the next visit.
        if (!budget.fits(requestBytes(batch))) break;
        void deliverBatch(batch, { delivered: 0, rejected: 0 });
      }
      // The page may be gone before any answer arrives, or before a delivered event's delete commits:
      // the next page must not send these again.
      if (inFlight.size + stored.deleting.size > 0) leftNote.write([...inFlight, ...stored.deleting]);
      if (sending) log(`page hidden: sending with keepalive, ${budget.used} of ${KEEPALIVE_BUDGET_BYTES} bytes in flight`);
    },
  };
  void delivery.flush('start'); // events left by earlier pages, and any tracked before the sender loaded
  return delivery;
}
