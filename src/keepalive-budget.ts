// Every PutEvents goes out with fetch keepalive, so a request in flight survives the page closing.
// Chromium refuses a keepalive fetch once the bodies in flight exceed 64 KiB for the page
// (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, "inflight keepalive bytes"), so
// batches are sized to fit and the page-hide path stops starting sends when the budget is spent.
import type { Batch } from './batch';

export const KEEPALIVE_BUDGET_BYTES = 60_000; // 64 KiB less room for the SDK's own overhead

const encoder = new TextEncoder();

/** The size of the PutEvents body for a batch (what the SDK serialises). */
export function requestBytes(batch: Batch): number {
  const eventList = batch.records.map(({ event }) => ({ ...event, sentAt: event.sentAt / 1000 }));
  const body = { trackingId: batch.trackingId, sessionId: batch.sessionId, userId: batch.userId, eventList };
  return encoder.encode(JSON.stringify(body)).length;
}

export function fitsKeepaliveBudget(inFlightBytes: number, batch: Batch): boolean {
  return inFlightBytes + requestBytes(batch) <= KEEPALIVE_BUDGET_BYTES;
}

/** Splits batches whose body alone would exceed the budget (possible only with very large events). */
export function splitToBudget(batches: Batch[]): Batch[] {
  return batches.flatMap((batch) => {
    if (batch.records.length < 2 || requestBytes(batch) <= KEEPALIVE_BUDGET_BYTES) return [batch];
    const middle = Math.ceil(batch.records.length / 2);
    return splitToBudget([
      { ...batch, records: batch.records.slice(0, middle) },
      { ...batch, records: batch.records.slice(middle) },
    ]);
  });
}
