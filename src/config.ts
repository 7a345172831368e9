// Checks init()'s config up front, so a typo fails loudly at start-up rather than at AWS.
import { MAX_BATCH, MAX_ID_LENGTH } from './limits';
import type { TrackerConfig } from './types';
import { checkString } from './validate';

const MAX_IDENTITY_POOL_ID_LENGTH = 55; // Cognito Identity limit

export const checkUserId = (caller: string, userId: unknown) => checkString(caller, 'userId', userId, MAX_ID_LENGTH);

/** Throws a TypeError naming the first unusable option. */
export function checkConfig(config: TrackerConfig): void {
  if (!config || typeof config !== 'object') throw new TypeError('init(): config must be an object');
  checkString('init()', 'trackingId', config.trackingId, MAX_ID_LENGTH);
  checkString('init()', 'identityPoolId', config.identityPoolId, MAX_IDENTITY_POOL_ID_LENGTH);
  checkString('init()', 'region', config.region, MAX_ID_LENGTH);
  if (config.userId !== undefined) checkUserId('init()', config.userId);
  const counts: [keyof TrackerConfig, number, number][] = [
    ['maxBatchSize', 1, MAX_BATCH],
    ['flushIntervalMs', 0, Infinity],
    ['maxQueueLength', 1, Infinity],
    ['maxEventAgeMs', 1, Infinity],
  ];
  for (const [name, min, max] of counts) {
    const value = config[name];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
      throw new TypeError(`init(): ${name} must be an integer from ${min} to ${max} (got ${value})`);
    }
  }
}
