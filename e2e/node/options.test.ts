import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveOptions } from '../../src/sender/options';
import type { TrackerError } from '../../src/types';

const base = { trackingId: 't', identityPoolId: 'us-east-1:1', region: 'us-east-1' };

test('valid numeric options are kept and nothing is reported', () => {
  const errors: TrackerError[] = [];
  const config = { ...base, maxBatchSize: 5, flushIntervalMs: 0, maxQueueLength: 20, maxEventAgeMs: 60_000 };
  assert.deepEqual(resolveOptions(config, (error) => errors.push(error)), config);
  assert.deepEqual(errors, []);
});

test('an unusable option is reported with its limit and replaced by its default', () => {
  const errors: TrackerError[] = [];
  const resolved = resolveOptions({ ...base, maxBatchSize: 50, maxQueueLength: -1 }, (error) => errors.push(error));
  assert.equal(resolved.maxBatchSize, 10);
  assert.equal(resolved.maxQueueLength, 1000);
  assert.deepEqual(errors.map((error) => error.code), ['config-invalid', 'config-invalid']);
  assert.match(errors[0].message, /maxBatchSize must be an integer from 1 to 10 \(got 50\); using 10/);
});

test('in relay mode maxBatchSize may go up to 100 events a request, and defaults to it when unusable', () => {
  const relay = { relayUrl: '/events' } as const;
  const errors: TrackerError[] = [];
  assert.equal(resolveOptions({ ...relay, maxBatchSize: 100 }, (error) => errors.push(error)).maxBatchSize, 100);
  assert.equal(errors.length, 0);
  assert.equal(resolveOptions({ ...relay, maxBatchSize: 101 }, (error) => errors.push(error)).maxBatchSize, 100);
  assert.match(errors[0].message, /maxBatchSize must be an integer from 1 to 100 \(got 101\); using 100/);
});
