// What happens to one batch: sent, then deleted from the queue; or, by the service's answer,
// split to isolate invalid events, retried with fresh credentials, kept while the trackingId is
// unknown, or left for a retry with backoff.
import type { Batch, SendResult } from '../shared/contract';
import { requestBytes, type KeepaliveBudget } from './keepalive-budget';
import type { LeftNote } from './exit-notes';
import type { Transport } from '../shared/contract';
import { classifyFailure } from './retry-policy';
import type { RetrySchedule } from './retry-schedule';
import type { StoredQueue } from './stored-queue';
import { trackerError } from '../shared/tracker-error';
import type { QueuedEvent, TrackerError } from '../types';

export interface Tally {
  delivered: number;
  rejected: number;
}

export interface BatchDeliveryContext {
  transport: Transport;
  stored: StoredQueue;
  /** Keys of the events being sent right now, so no other send picks them up. */
  inFlight: Set<string>;
  budget: KeepaliveBudget;
  retry: RetrySchedule;
  /** Events sent on page hide, noted for the next page (see exit-notes.ts). */
  leftNote: LeftNote;
  /** From beforeunload on: the browser fails the page's fetches as it unloads it, though they still go out. */
  leaving(): boolean;
  report: (error: TrackerError) => void;
  log: (message: string, ...details: unknown[]) => void;
  /** Called when the service does not know the trackingId: keep the events, stop sending. True the first time. */
  stop(): boolean;
}

const UNLOAD_FAILURE_MS = 250; // see the catch below

type SdkError = Error & {
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
  /** The events a relay's error answer names as taken: its PutEvents calls for the others failed. */
  taken?: SendResult & { accepted: string[] };
};

/** Returns deliverBatch(batch, tally), which resolves false when sending should pause. */
export function createBatchDelivery(context: BatchDeliveryContext) {
  const { transport, stored, inFlight, budget, retry, leftNote, report, log } = context;

  /** Counts and removes events the service took, reporting each it refused. */
  function took(records: QueuedEvent[], result: SendResult | void, tally: Tally): void {
    const refused = new Map(result?.refused.map((refusal) => [refusal.eventId, refusal.reason]));
    log(`delivered ${records.length - refused.size} event(s)`);
    tally.delivered += records.length - refused.size;
    tally.rejected += refused.size;
    for (const record of records) {
      const reason = refused.get(record.event.eventId);
      if (reason !== undefined) report(trackerError('event-rejected', `the relay refused a "${record.event.eventType}" event: ${reason}`, record));
    }
    stored.remove(records.map((record) => record.key));
  }

  async function deliverBatch(whole: Batch, tally: Tally, credentialRetry = true): Promise<boolean> {
    let batch = whole; // less what an error answer names as taken
    const keys = batch.records.map((record) => record.key);
    const bytes = requestBytes(batch);
    keys.forEach((key) => inFlight.add(key));
    budget.take(bytes);
    let delivered = false;
    try {
      log(`sending ${keys.length} event(s) of session ${batch.sessionId}${batch.userId ? `, user ${batch.userId}` : ''}`, batch.records.map((record) => record.event));
      const result = await transport.send(batch, () => leftNote.handedOff(keys));
      delivered = true;
      retry.succeeded();
      took(batch.records, result, tally);
      return true;
    } catch (caught) {
      const error = caught as SdkError;
      if (error.taken) {
        // A relay whose PutEvents calls partly failed: what it took is done; the rest fails as the answer says.
        const named = new Set([...error.taken.accepted, ...error.taken.refused.map((refusal) => refusal.eventId)]);
        const done = batch.records.filter((record) => named.has(record.event.eventId));
        took(done, error.taken, tally);
        leftNote.settled(done.map((record) => record.key), true);
        batch = { ...batch, records: batch.records.filter((record) => !named.has(record.event.eventId)) };
        if (batch.records.length === 0) return true;
      }
      // Chromium fails a page's fetches as it unloads the page, just before pagehide, though keepalive
      // requests still reach the service. This wait never ends in a page that is gone: its events stay
      // in flight, and pagehide notes them as sent. A page still here after it had a real failure.
      if (context.leaving() && error.$metadata?.httpStatusCode === undefined) await new Promise((settle) => setTimeout(settle, UNLOAD_FAILURE_MS));
      const kind = classifyFailure(error.name, error.$metadata?.httpStatusCode);
      log(`PutEvents failed (${error.name}: ${error.message}): ${kind}`);
      // awaited, so that the finally below runs after the retry and its keys stay in flight meanwhile
      if (kind === 'invalid') return await isolateInvalid(batch, tally, error);
      if (kind === 'credentials') transport.refreshCredentials(error);
      if (kind === 'credentials' && credentialRetry) return await deliverBatch(batch, tally, false);
      if (kind === 'unknown-tracking-id') {
        if (context.stop()) {
          report(trackerError('unknown-tracking-id', `"${batch.trackingId}" refused this tracker (${error.name}: ${error.message}); events are kept and sending stopped`));
        }
        return false;
      }
      if (retry.failed(error.$response?.headers?.['retry-after'])) {
        report(trackerError('delivery-failed', `PutEvents failed (${error.name}: ${error.message}); the events stay queued and are retried with backoff`));
      }
      return false;
    } finally {
      keys.forEach((key) => inFlight.delete(key));
      budget.give(bytes);
      leftNote.settled(batch.records.map((record) => record.key), delivered);
    }
  }

  /** Splits a refused batch in halves until the offending events are alone, then drops only those. */
  async function isolateInvalid(batch: Batch, tally: Tally, error: SdkError): Promise<boolean> {
    if (batch.records.length === 1) {
      const [record] = batch.records;
      tally.rejected++;
      stored.remove([record.key]);
      report(trackerError('event-rejected', `PutEvents refused a "${record.event.eventType}" event: ${error.message}`, record));
      return true;
    }
    const middle = Math.ceil(batch.records.length / 2);
    for (const records of [batch.records.slice(0, middle), batch.records.slice(middle)]) {
      if (!(await deliverBatch({ ...batch, records }, tally))) return false;
    }
    return true;
  }

  return deliverBatch;
}
