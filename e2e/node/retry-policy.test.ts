import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKOFF_MAX_MS, backoffDelayMs, classifyFailure, parseRetryAfter } from '../../src/sender/retry-policy';

test('failures are classified by error name and status', () => {
  assert.equal(classifyFailure('InvalidInputException', 400), 'invalid');
  assert.equal(classifyFailure('ResourceNotFoundException', 404), 'unknown-tracking-id');
  assert.equal(classifyFailure('CredentialsUnavailable', 404), 'credentials'); // Cognito's unknown identity, as put-events-client.ts names it
  assert.equal(classifyFailure('ExpiredTokenException', 403), 'credentials');
  assert.equal(classifyFailure('InvalidSignatureException', 403), 'credentials');
  assert.equal(classifyFailure('UnrecognizedClientException', 403), 'credentials');
  assert.equal(classifyFailure('ThrottlingException', 400), 'transient');
  assert.equal(classifyFailure('ServiceUnavailable', 503), 'transient');
  assert.equal(classifyFailure('TypeError', undefined), 'transient');
});

test('backoff grows with each attempt, stays jittered within its window and is capped', () => {
  const low = (attempt: number) => backoffDelayMs(attempt, 0, () => 0);
  const high = (attempt: number) => backoffDelayMs(attempt, 0, () => 0.999);
  for (let attempt = 1; attempt < 6; attempt++) {
    assert.ok(low(attempt + 1) > high(attempt) - 1, `attempt ${attempt + 1} waits at least as long as attempt ${attempt} at most`);
    assert.ok(high(attempt) > low(attempt), 'jitter spreads the delay');
  }
  assert.equal(backoffDelayMs(30, 0, () => 1), BACKOFF_MAX_MS);
});

test('retry-after is a floor for the delay', () => {
  assert.equal(backoffDelayMs(1, 7_000, () => 0), 7_000);
  assert.equal(parseRetryAfter('3'), 3_000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6_000);
  assert.equal(parseRetryAfter('soon'), 0);
});
