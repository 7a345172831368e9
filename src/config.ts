// Checks init()'s config up front, so a typo fails loudly at start-up rather than at AWS.
import { MAX_BATCH, MAX_ID_LENGTH } from './limits';
import type { TrackerConfig } from './types';
import { checkString } from './validate';

const MAX_IDENTITY_POOL_ID_LENGTH = 55; // Cognito Identity limit

export const checkUserId = (caller: string, userId: unknown) => checkString(caller, 'userId', userId, MAX_ID_LENGTH);

function checkCount(name: string, value: unknown, min: number, max = Infinity): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) {
    throw new TypeError(`init(): ${name} must be an integer from ${min}${max < Infinity ? ` to ${max}` : ' up'} (got ${value})`);
  }
}

/** Throws a TypeError naming the first unusable option. */
export function checkConfig(config: TrackerConfig): void {
  if (!config || typeof config !== 'object') throw new TypeError('init(): config must be an object');
  checkString('init()', 'trackingId', config.trackingId, MAX_ID_LENGTH);
  checkString('init()', 'identityPoolId', config.identityPoolId, MAX_IDENTITY_POOL_ID_LENGTH);
  checkString('init()', 'region', config.region, MAX_ID_LENGTH);
  if (config.userId !== undefined) checkUserId('init()', config.userId);
  checkCount('maxBatchSize', config.maxBatchSize, 1, MAX_BATCH);
  checkCount('flushIntervalMs', config.flushIntervalMs, 0);
  checkCount('maxQueueLength', config.maxQueueLength, 1);
  checkCount('maxEventAgeMs', config.maxEventAgeMs, 1);
}
