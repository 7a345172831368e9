// The device clock can be minutes or hours off (common on phones). The offset between it and the
// service's clock is learned from the `Date` header of any response that exposes it (CORS:
// Access-Control-Expose-Headers), kept in localStorage for every page of the origin, and applied to
// each event's sentAt when it is sent. Without any such response the device clock is used as is.
import { readStorage, writeStorage } from '../shared/web-storage';

const CLOCK_OFFSET_KEY = 'personalize-tracker:clock-offset';
const DATE_RESOLUTION_MS = 1_000; // an HTTP date has whole seconds: smaller differences are noise

let offsetMs: number | undefined;

/** Milliseconds to add to the device clock to get the service's (0 until a response told). */
export function clockOffsetMs(): number {
  offsetMs ??= Number(readStorage('localStorage', CLOCK_OFFSET_KEY)) || 0;
  return offsetMs;
}

/** The service's time now, as far as it is known. */
export const serviceNow = () => Date.now() + clockOffsetMs();

/** Learns the offset from a response's `date` header (any casing), if it has one. */
export function learnServiceClock(headers: Record<string, string | undefined> | undefined, receivedAt = Date.now()): void {
  const date = headers && Date.parse(headers.date ?? headers.Date ?? '');
  if (!date) return;
  // The header was written up to a second before it was read: its midpoint is the best guess.
  const offset = date + DATE_RESOLUTION_MS / 2 - receivedAt;
  if (Math.abs(offset - clockOffsetMs()) < DATE_RESOLUTION_MS) return;
  offsetMs = Math.round(offset);
  writeStorage('localStorage', CLOCK_OFFSET_KEY, String(offsetMs));
}
