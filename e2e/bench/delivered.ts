// Counts what an emulator accepted for a range of the event script. Contenders shape events
// differently (Amplify puts itemId inside `properties`), so an event is known by its item id.
import type { EmulatorClient, LoggedEvent } from '../harness/emulator-client';
import { MEASURED_EVENT_TYPE } from './event-script';

/** How often the runner asks the emulator; each ask serialises the whole log, so not too often. */
const POLL_INTERVAL_MS = 100;
const ITEM_ID_PATTERN = /^movie(\d+)$/;

function itemIdOf(event: LoggedEvent): string | undefined {
  if (event.itemId !== undefined) return event.itemId;
  try {
    const properties = JSON.parse(event.properties ?? '{}') as { itemId?: unknown };
    return typeof properties.itemId === 'string' ? properties.itemId : undefined;
  } catch {
    return undefined;
  }
}

/** The script index of a measured event (undefined for the warm-up and anything else). */
export function itemIndexOf(event: LoggedEvent): number | undefined {
  if (event.eventType !== MEASURED_EVENT_TYPE) return undefined;
  const match = ITEM_ID_PATTERN.exec(itemIdOf(event) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Distinct script indexes in [first, first + count) the emulator accepted; duplicates count once. */
export async function countDelivered(client: EmulatorClient, first: number, count: number): Promise<number> {
  const seen = new Set<number>();
  for (const event of await client.events()) {
    const index = itemIndexOf(event) ?? -1;
    if (index >= first && index < first + count) seen.add(index);
  }
  return seen.size;
}

/** Polls until all `count` events arrived or `timeoutMs` passed; returns how many arrived. */
export async function waitForDelivered(client: EmulatorClient, first: number, count: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const delivered = await countDelivered(client, first, count);
    if (delivered >= count || Date.now() >= deadline) return delivered;
    await sleep(POLL_INTERVAL_MS);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
