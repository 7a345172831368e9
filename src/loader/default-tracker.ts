// The npm entry's trackers: createTracker() and the package's default tracker behind the top-level
// functions. A bundler turns each dynamic import below into one separate chunk (the pre-built,
// trimmed sender with the AWS SDK inside, or relay mode's without it), so neither is part of the
// page's critical path and a page loads only its mode's.
// Outside a browser (server-side rendering) a tracker does nothing and loads nothing.
import type { AnyEvents, EventCatalog, Tracker, TrackerConfig } from '../types';
import { inBrowser } from './in-browser';
import { createServerTracker } from './server-tracker';
import { createTrackerWith } from './tracker';

/**
 * A new, independent tracker; with a config it is initialised at once. Default: not initialised.
 * Give it your event catalogue, `createTracker<ShopEvents>(config)`, to have track() type-checked.
 * Outside a browser it validates its input and does nothing else.
 */
export function createTracker<Events extends EventCatalog<Events> = AnyEvents>(config?: TrackerConfig): Tracker<Events> {
  const tracker = inBrowser() ? createTrackerWith((given) => (given?.relayUrl ? import('../sender/relay-sender') : import('../sender/sender')), config) : createServerTracker(config);
  return tracker as unknown as Tracker<Events>;
}

let created: Tracker | undefined;

/** The tracker behind the package's top-level functions, created on first use (importing reads no browser state). */
export function defaultTracker(): Tracker {
  created ??= createTracker();
  return created;
}

/** Configures the default tracker and delivers events left by earlier pages. */
export const init: Tracker['init'] = (config) => defaultTracker().init(config);
/** Queues one event on the default tracker; throws a `TypeError` for invalid input. */
export const track: Tracker['track'] = (eventType, properties) => defaultTracker().track(eventType, properties);
/** Attaches a user to later events of the default tracker. */
export const identify: Tracker['identify'] = (userId) => defaultTracker().identify(userId);
/** Clears the user and starts a new session (logout). */
export const reset: Tracker['reset'] = () => defaultTracker().reset();
/** Resolves once everything queued before the call was delivered, refused, or left queued after a failed attempt. */
export const flush: Tracker['flush'] = () => defaultTracker().flush();
/** Stops tracking in every tab and deletes the queue; remembered until optIn(). */
export const optOut: Tracker['optOut'] = () => defaultTracker().optOut();
/** Resumes tracking after optOut(). */
export const optIn: Tracker['optIn'] = () => defaultTracker().optIn();
