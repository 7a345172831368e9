// The sender: everything that touches the network. This module is the lazily loaded chunk; the
// page's critical path (track(): validate, stamp, persist) never imports it or the AWS SDK.
import { toBatches, type Batch } from './batch';
import { watchPageLifecycle } from './flush-triggers';
import { KEEPALIVE_BUDGET_BYTES, fitsKeepaliveBudget, requestBytes, splitToBudget } from './keepalive-budget';
import { withSendLock, type OwnerLock } from './owner-lock';
import { createPutEventsSender } from './put-events-client';
import type { EventQueue } from './queue';
import { classifyFailure } from './retry-policy';
import { createRetrySchedule } from './retry-schedule';
import { sendableRecords } from './sendable';
import { removeRecords } from './stored-queue';
import { trackerError } from './tracker-error';
import type { FlushResult, TrackerConfig, TrackerError } from './types';

export interface DeliveryOptions {
  config: TrackerConfig;
  queue: EventQueue;
  /** This page's owner id and its lock (see owner-lock.ts). */
  owner: string;
  ownerLock: OwnerLock;
  report: (error: TrackerError) => void;
  log: (message: string, ...details: unknown[]) => void;
}

export interface Delivery {
  /** One pass over everything this page may send; during a backoff only `online` starts one. */
  flush(trigger?: string): Promise<FlushResult>;
  /** Page hide: starts sending this page's own events at once, in parallel, from memory. */
  sendNow(): void;
}

interface Tally {
  delivered: number;
  rejected: number;
}

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };

export function createDelivery({ config, queue, owner, ownerLock, report, log }: DeliveryOptions): Delivery {
  const sender = createPutEventsSender(config);
  const inFlight = new Set<string>();
  const retry = createRetrySchedule(() => void delivery.flush('retry'), log);
  let inFlightBytes = 0;
  let stopped = false; // the service does not know the trackingId: keep the events, stop sending
  let passes: Promise<unknown> = Promise.resolve();

  sender.warm().catch((error) => log('could not fetch credentials yet', error));

  /** Sends one batch and settles its records; resolves false when sending should pause. */
  async function deliverBatch(batch: Batch, tally: Tally, credentialRetry = true): Promise<boolean> {
    const keys = batch.records.map((record) => record.key);
    const bytes = requestBytes(batch);
    keys.forEach((key) => inFlight.add(key));
    inFlightBytes += bytes;
    try {
      await sender.send(batch);
      log(`delivered ${keys.length} event(s)`, batch.records.map((record) => record.event));
      retry.succeeded();
      tally.delivered += keys.length;
      await removeRecords(queue, keys);
      return true;
    } catch (caught) {
      const error = caught as SdkError;
      const kind = classifyFailure(error.name, error.$metadata?.httpStatusCode);
      log(`PutEvents failed (${error.name}: ${error.message}): ${kind}`);
      if (kind === 'invalid') return isolateInvalid(batch, tally, error);
      if (kind === 'credentials' && credentialRetry) {
        sender.refreshCredentials();
        return deliverBatch(batch, tally, false);
      }
      if (kind === 'unknown-tracking-id') {
        if (!stopped) report(trackerError('unknown-tracking-id', `PutEvents: trackingId "${batch.trackingId}" is unknown to the service (${error.message}); events are kept and sending stopped`));
        stopped = true;
        return false;
      }
      if (kind === 'credentials') sender.refreshCredentials();
      if (retry.failed(error.$response?.headers?.['retry-after'])) {
        report(trackerError('delivery-failed', `PutEvents failed (${error.name}: ${error.message}); the events stay queued and are retried with backoff`));
      }
      return false;
    } finally {
      keys.forEach((key) => inFlight.delete(key));
      inFlightBytes -= bytes;
    }
  }

  /** Splits a refused batch in halves until the offending events are alone, then drops only those. */
  async function isolateInvalid(batch: Batch, tally: Tally, error: SdkError): Promise<boolean> {
    if (batch.records.length === 1) {
      const [record] = batch.records;
      tally.rejected++;
      await removeRecords(queue, [record.key]);
      report(trackerError('event-rejected', `PutEvents refused a "${record.event.eventType}" event: ${error.message}`, record));
      return true;
    }
    const middle = Math.ceil(batch.records.length / 2);
    for (const records of [batch.records.slice(0, middle), batch.records.slice(middle)]) {
      if (!(await deliverBatch({ ...batch, records }, tally))) return false;
    }
    return true;
  }

  async function pass(trigger: string): Promise<FlushResult> {
    const tally: Tally = { delivered: 0, rejected: 0 };
    if (!stopped && (trigger === 'online' || trigger === 'retry' || !retry.waiting())) {
      await withSendLock(async () => {
        for (const batch of splitToBudget(toBatches(await sendableRecords(queue, config, owner, inFlight, report), config.maxBatchSize))) {
          if (!(await deliverBatch(batch, tally))) break;
        }
      });
    }
    return { ...tally, pending: queue.size };
  }

  watchPageLifecycle({
    onHidden: () => delivery.sendNow(),
    onPageHide() {
      delivery.sendNow();
      ownerLock.release(); // a page holding a Web Lock cannot enter the bfcache
    },
    onResume(trigger) {
      if (trigger === 'pageshow') ownerLock.hold();
      void delivery.flush(trigger);
    },
  });

  const delivery: Delivery = {
    flush(trigger = 'flush') {
      const result = passes.then(() => pass(trigger));
      passes = result.catch(() => undefined);
      return result;
    },
    sendNow() {
      if (stopped) return;
      const waiting = queue.pending().filter((record) => record.trackingId === config.trackingId && !inFlight.has(record.key));
      for (const batch of splitToBudget(toBatches(waiting, config.maxBatchSize))) {
        // Keepalive bodies in flight share one 64 KB budget per page; the rest waits for the next visit.
        if (!fitsKeepaliveBudget(inFlightBytes, batch)) break;
        void deliverBatch(batch, { delivered: 0, rejected: 0 });
      }
      log(`page hidden: sending with keepalive, ${inFlightBytes} of ${KEEPALIVE_BUDGET_BYTES} bytes in flight`);
    },
  };
  void delivery.flush('start'); // events left by earlier pages, and any tracked before the sender loaded
  return delivery;
}
