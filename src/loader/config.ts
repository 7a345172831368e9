// Checks init()'s required config up front, so a typo fails loudly at start-up rather than at AWS.
// The numeric options are checked by the sender (options.ts), off the page's critical path.
import { MAX_ID_LENGTH } from '../shared/limits';
import type { TrackerConfig } from '../types';
import { checkString } from './validate';

const MAX_IDENTITY_POOL_ID_LENGTH = 55; // Cognito Identity limit

export const checkUserId = (caller: string, userId: unknown) => checkString('userId', userId, MAX_ID_LENGTH, caller);

/** Throws a TypeError naming the first unusable required option of direct mode (relay mode needs only `relayUrl`). */
export function checkConfig(config: TrackerConfig | undefined): void {
  // Relay mode checks its URL in its own chunk (sender/relay-transport.ts), off the critical path.
  if (!config?.relayUrl) {
    checkString('trackingId', config?.trackingId, MAX_ID_LENGTH, 'init()');
    checkString('identityPoolId', config?.identityPoolId, MAX_IDENTITY_POOL_ID_LENGTH, 'init()');
    checkString('region', config?.region, MAX_ID_LENGTH, 'init()');
  }
  if (config?.userId !== undefined) checkUserId('init()', config.userId);
}
