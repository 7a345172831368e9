// The device clock can be minutes or hours off (common on phones), and can be set back or forward
// at any moment (by the user, or by NTP after a dead battery). The offset between it and the
// service's clock is learned from the `Date` header of any response that exposes it (CORS:
// Access-Control-Expose-Headers), kept in localStorage for every page of the origin, and applied to
// each event's sentAt when it is sent. Without any such response the device clock is used as is.
//
// Within a page, a change of the device clock shows as a move of `Date.now() - performance.now()`,
// since performance.now() is monotonic (https://w3c.github.io/hr-time/#sec-monotonic-clock). A
// move back can only be the clock set back: the offset grows by as much, at once, so the next
// request signs and stamps right without a refused try. A move forward is either the clock set
// forward or the machine waking from sleep (performance.now() stops during sleep in most engines:
// https://github.com/w3c/hr-time/issues/115), so the offset is left as it is and taken as unsure
// until the next response's Date header tells.
import { readStorage, writeStorage } from '../shared/web-storage';
import type { QueuedEvent } from '../types';

const CLOCK_OFFSET_KEY = 'personalize-tracker:clock-offset';
const DATE_RESOLUTION_MS = 1_000; // an HTTP date has whole seconds: smaller differences are noise
/** A move of the device clock against the monotonic one smaller than this is drift, not a change. */
export const CLOCK_JUMP_MS = 1_000;

export interface ServiceClock {
  /** Milliseconds to add to the device clock to get the service's (0 until a response told). */
  offsetMs(): number;
  /** The offset if this page confirmed it from a response since the device clock last moved forward. */
  knownOffsetMs(): number | undefined;
  /** The service's time now, as far as it is known. */
  now(): number;
  /** Learns the offset from a response's `date` header (any casing), if it has one. */
  learn(headers: Record<string, string | undefined> | undefined, receivedAt?: number): void;
  /** Called with the offset that stamps taken until now were on, when it is confirmed or the device clock is set back. */
  onSettled(listener: (offsetMs: number) => void): void;
}

export function createServiceClock(deviceNow = () => Date.now(), monotonicNow = () => performance.now()): ServiceClock {
  let offset: number | undefined;
  let known = false;
  let deviceBase: number | undefined; // device clock minus monotonic clock, when last looked at
  const listeners: ((offsetMs: number) => void)[] = [];

  const store = (value: number) => {
    offset = value;
    writeStorage('localStorage', CLOCK_OFFSET_KEY, String(value));
  };

  /** Follows a change of the device clock since the last look (see the top of this file). */
  function followDeviceClock(): void {
    const base = deviceNow() - monotonicNow();
    const moved = deviceBase === undefined ? 0 : base - deviceBase;
    deviceBase = base;
    if (moved > CLOCK_JUMP_MS) known = false;
    if (moved >= -CLOCK_JUMP_MS) return;
    const before = offset!;
    store(Math.round(before - moved));
    listeners.forEach((listener) => listener(before));
  }

  function offsetMs(): number {
    offset ??= Number(readStorage('localStorage', CLOCK_OFFSET_KEY)) || 0;
    followDeviceClock();
    return offset;
  }

  return {
    offsetMs,
    knownOffsetMs: () => {
      const current = offsetMs();
      return known ? current : undefined;
    },
    now: () => deviceNow() + offsetMs(),
    learn(headers, receivedAt = deviceNow()) {
      const date = headers && Date.parse(headers.date ?? headers.Date ?? '');
      if (!date) return;
      // The header was written up to a second before it was read: its midpoint is the best guess.
      const learned = date + DATE_RESOLUTION_MS / 2 - receivedAt;
      if (Math.abs(learned - offsetMs()) >= DATE_RESOLUTION_MS) store(Math.round(learned));
      if (known) return;
      known = true;
      listeners.forEach((listener) => listener(offset!));
    },
    onSettled: (listener) => void listeners.push(listener),
  };
}

/** The page's service clock: one per page, shared by its senders. */
export const serviceClock = createServiceClock();

export const clockOffsetMs = () => serviceClock.offsetMs();
export const serviceNow = () => serviceClock.now();
export const learnServiceClock = (headers: Record<string, string | undefined> | undefined, receivedAt?: number) => serviceClock.learn(headers, receivedAt);

/** When a record's event happened, on the service's clock: its stamp plus the offset it was stamped under (clock-stamps.ts), else today's. */
export const serviceTimeOf = (record: QueuedEvent) => record.event.sentAt + (record.clockOffsetMs ?? clockOffsetMs());
