// Tallies the fault matrix: for each fault, which tracked events were lost or delivered twice.
import type { LoggedEvent } from './emulator-client';

export interface FaultOutcome {
  fault: string;
  tracked: number;
  lost: string[];
  duplicated: string[];
  /** Duplicates on a path where one cannot be avoided (a response lost in flight), same eventId. */
  resent: string[];
  /** Events dropped on purpose and reported through onError (poison, full queue). */
  dropped: string[];
}

export function outcomeOf(
  fault: string,
  trackedItemIds: string[],
  events: LoggedEvent[],
  { dropped = [] as string[], resendPossible = false } = {},
): FaultOutcome {
  const deliveries = new Map<string, LoggedEvent[]>();
  for (const event of events) deliveries.set(event.itemId ?? '', [...(deliveries.get(event.itemId ?? '') ?? []), event]);
  const expected = trackedItemIds.filter((id) => !dropped.includes(id));
  const repeated = expected.filter((id) => (deliveries.get(id)?.length ?? 0) > 1);
  const sameEventId = (id: string) => new Set(deliveries.get(id)!.map((event) => event.eventId)).size === 1;
  const resent = resendPossible ? repeated.filter(sameEventId) : [];
  return {
    fault,
    tracked: trackedItemIds.length,
    lost: expected.filter((id) => !deliveries.has(id)),
    duplicated: repeated.filter((id) => !resent.includes(id)),
    resent,
    dropped: dropped.filter((id) => !deliveries.has(id)),
  };
}

export function summaryLine(outcomes: FaultOutcome[]): string {
  const total = (pick: (outcome: FaultOutcome) => unknown[]) => outcomes.reduce((sum, outcome) => sum + pick(outcome).length, 0);
  return (
    `fault matrix: ${outcomes.length} faults, ${total((o) => o.lost)} lost, ${total((o) => o.duplicated)} duplicated` +
    ` (${total((o) => o.resent)} resent after a response lost in flight, same eventId; ${total((o) => o.dropped)} dropped and reported)`
  );
}
