// The tracker outside a browser (server-side rendering, Node): every call does nothing and loads
// nothing, so a component that tracks renders on the server as it does in the page. Input is still
// validated, so a bad call fails the same way on both sides.
import { checkConfig, checkUserId } from './config';
import type { FlushResult, Tracker, TrackerConfig, TrackProperties } from '../types';
import { toEventFields } from './validate';

const NOTHING_SENT: FlushResult = { delivered: 0, rejected: 0, pending: 0 };

/** A tracker that validates its input (and `initialConfig`, when given) and otherwise does nothing. */
export function createServerTracker(initialConfig?: TrackerConfig): Tracker {
  if (initialConfig) checkConfig(initialConfig);
  return {
    init: (config) => void checkConfig(config),
    track: (eventType: string, properties?: TrackProperties) => void toEventFields(eventType, properties, Date.now(), () => 'not-sent'),
    identify: (userId) => void checkUserId('identify()', userId),
    reset: () => undefined,
    flush: () => Promise.resolve({ ...NOTHING_SENT }),
    optOut: () => undefined,
    optIn: () => undefined,
  };
}
