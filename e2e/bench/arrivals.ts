// When each event of the script first reached PutEvents, on the emulator's clock (Node's Date.now(),
// stamped as the request body arrived). Pages stamp their track() calls with Date.now() too: the
// same system clock, so the difference is the delay without any offset between two clocks.
import type { EmulatorClient } from '../harness/emulator-client';
import { itemIndexOf } from './delivered';

/** Script index → earliest receivedAt (epoch ms) of that event at the emulator. */
export async function firstArrivals(client: EmulatorClient): Promise<Map<number, number>> {
  const arrivals = new Map<number, number>();
  for (const event of await client.events()) {
    const index = itemIndexOf(event);
    if (index === undefined) continue;
    const earlier = arrivals.get(index);
    if (earlier === undefined || event.receivedAt < earlier) arrivals.set(index, event.receivedAt);
  }
  return arrivals;
}
