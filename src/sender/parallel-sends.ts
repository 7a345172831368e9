// One pass's batches, sent up to MAX_PARALLEL_REQUESTS at a time within the page's keepalive budget,
// until one of them must pause (a backoff, an unknown tracker).
import type { Tally } from './batch-delivery';
import type { Batch } from '../shared/contract';
import { requestBytes, splitToBudget, type KeepaliveBudget } from './keepalive-budget';
import type { Transport } from '../shared/contract';
import type { PageQueue } from './page-queue';

const MAX_PARALLEL_REQUESTS = 4; // requests in flight during a pass

export interface ParallelSendsContext {
  transport: Transport;
  budget: KeepaliveBudget;
  /** Queue keys of events in requests not yet answered. */
  inFlight: Set<string>;
  page: PageQueue;
  owner: string;
  /** Sends one batch; false when sending must pause. */
  deliverBatch: (batch: Batch, tally: Tally) => Promise<boolean>;
}

/** Resolves true in a later task. */
const nextTask = () => new Promise<true>((resume) => setTimeout(() => resume(true)));

/** Returns `sendAll(batches, tally)`, which resolves once every batch was sent or one had to pause; a batch over the keepalive budget is split as it is taken. */
export function createParallelSends({ transport, budget, inFlight, page, owner, deliverBatch }: ParallelSendsContext) {
  return async function sendAll(passBatches: Batch[], tally: Tally): Promise<void> {
    const batches = [...passBatches]; // grows where a batch is split to fit the budget
    let next = 0;
    let healthy = true;
    const worker = async (index: number) => {
      // Serialising and signing one batch (pure-JS SHA-256) takes 10–25 ms at 4× CPU. The first batch
      // leaves at once; each other worker starts in a task of its own once credentials are there, so
      // that a pass never signs several batches in one task (no long task: e2e/bench/long-tasks.ts). If the credentials
      // fail, the first worker's batch reports it.
      if (index > 0 && !(index < batches.length && (await transport.warm().then(nextTask, () => false)))) return;
      while (healthy && next < batches.length) {
        // Measured as it is taken, in its worker's task: serialising a whole burst's batches at once
        // took 17 ms at 4× CPU in one task.
        const [batch, ...parts] = splitToBudget([batches[next]!]);
        batches.splice(next, 1, batch!, ...parts);
        next++;
        while (budget.used > 0 && !budget.fits(requestBytes(batch))) await budget.freed();
        // A send on page hide does not wait for a running pass: it may have taken some of these meanwhile.
        const records = batch.records.filter((record) => !inFlight.has(record.key) && (record.owner !== owner || page.has(record.key)));
        if (records.length > 0 && !(await deliverBatch({ ...batch, records }, tally))) healthy = false;
      }
    };
    await Promise.all(Array.from({ length: MAX_PARALLEL_REQUESTS }, (_, index) => worker(index)));
  };
}
