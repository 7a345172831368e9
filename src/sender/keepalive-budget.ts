// Every PutEvents goes out with fetch keepalive, so a request in flight survives the page closing.
// Chromium refuses a keepalive fetch once the bodies in flight exceed 64 KiB for the page
// (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, "inflight keepalive bytes"), so
// batches are sized to fit and sends start only while the budget has room.
import type { Batch } from '../shared/contract';

export const KEEPALIVE_BUDGET_BYTES = 60_000; // 64 KiB less room for the SDK's own overhead

const encoder = new TextEncoder();

/** The size of the PutEvents body for a batch (what the SDK serialises). */
export function requestBytes(batch: Batch): number {
  const eventList = batch.records.map(({ event }) => ({ ...event, sentAt: event.sentAt / 1000 }));
  const body = { trackingId: batch.trackingId, sessionId: batch.sessionId, userId: batch.userId, eventList };
  return encoder.encode(JSON.stringify(body)).length;
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

/** The page's keepalive bytes in flight. */
export interface KeepaliveBudget {
  readonly used: number;
  fits(bytes: number): boolean;
  take(bytes: number): void;
  give(bytes: number): void;
  /** Resolves when some bytes are given back. */
  freed(): Promise<void>;
}

export function createKeepaliveBudget(): KeepaliveBudget {
  let used = 0;
  let waiting: (() => void)[] = [];
  return {
    get used() {
      return used;
    },
    fits: (bytes) => used + bytes <= KEEPALIVE_BUDGET_BYTES,
    take(bytes) {
      used += bytes;
    },
    give(bytes) {
      used -= bytes;
      const woken = waiting;
      waiting = [];
      woken.forEach((wake) => wake());
    },
    freed: () => new Promise((wake) => waiting.push(wake)),
  };
}
