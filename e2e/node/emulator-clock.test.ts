// The emulated service's clock, shifted through the faults control (clockOffsetMs): the Date header
// a client learns its offset from, the signature-expiry check, credential expiry and receivedAt.
// And the credentialTtlSeconds control (issue 11, Build 7).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { startEmulator } from '../../src/emulator/server';
import { DEMO_IDENTITY_POOL_ID, cognito, control, eventsClient, raw, rejectsWith, staticCredentials, validInput, sharedEmulator } from './emulator-helpers';

const TEN_MINUTES_MS = 10 * 60 * 1000;
/** Date has whole seconds, and the test machine may stall: the tolerance on a shifted clock. */
const TOLERANCE_MS = 5000;

const shared = sharedEmulator();

async function newCredentials(): Promise<{ Expiration: number }> {
  const { json } = await cognito(shared.url, 'GetId', { IdentityPoolId: DEMO_IDENTITY_POOL_ID });
  return (await cognito(shared.url, 'GetCredentialsForIdentity', { IdentityId: json.IdentityId })).json.Credentials as { Expiration: number };
}

function assertNear(actualMs: number, expectedMs: number, what: string): void {
  assert.ok(Math.abs(actualMs - expectedMs) <= TOLERANCE_MS, `${what}: ${new Date(actualMs).toISOString()}, expected about ${new Date(expectedMs).toISOString()}`);
}

describe('server clock offset', () => {
  test('every answer\'s Date header (CORS-exposed) follows the shifted clock', async () => {
    await control(shared.url, 'faults', { clockOffsetMs: TEN_MINUTES_MS });
    for (const path of ['/events', '/', '/__emulator/health']) {
      const response = await raw(`${shared.url}${path}`, { method: path === '/__emulator/health' ? 'GET' : 'POST', body: path === '/__emulator/health' ? undefined : '{}', headers: { origin: 'http://localhost:8080' } });
      assertNear(Date.parse(response.headers.get('date')!), Date.now() + TEN_MINUTES_MS, `Date of ${path}`);
    }
    const aws = await raw(`${shared.url}/events`, { method: 'POST', body: '{}', headers: { origin: 'https://shop.example' } });
    assert.match(aws.headers.get('access-control-expose-headers')!, /\bDate\b/i);
    await control(shared.url, 'faults', { clockOffsetMs: -2 * 3600 * 1000 });
    assertNear(Date.parse((await raw(`${shared.url}/events`, { method: 'POST', body: '{}' })).headers.get('date')!), Date.now() - 2 * 3600 * 1000, 'Date 2 h slow');
  });

  test('a request signed on the unshifted clock is "Signature expired"; the SDK corrects its skew from Date and retries', async () => {
    const once = eventsClient(shared.url);
    await once.config.credentials();
    await control(shared.url, 'faults', { clockOffsetMs: TEN_MINUTES_MS });
    await rejectsWith(once.send(new PutEventsCommand(validInput())), { name: 'InvalidSignatureException', status: 403, message: /^Signature expired: / });
    const retrying = eventsClient(shared.url, { maxAttempts: 3 });
    const output = await retrying.send(new PutEventsCommand(validInput({ eventList: [{ eventType: 'view', sentAt: new Date(), eventId: 'skewed' }] })));
    assert.equal(output.$metadata.httpStatusCode, 200);
    const [event] = (await control<{ events: Array<{ receivedAt: number }> }>(shared.url, 'events')).events;
    assertNear(event!.receivedAt, Date.now() + TEN_MINUTES_MS, 'receivedAt on the shifted clock');
  });

  test('credentials expire on the shifted clock', async () => {
    await control(shared.url, 'faults', { clockOffsetMs: 2 * 3600 * 1000 });
    const { Expiration } = await newCredentials();
    assertNear(Expiration * 1000, Date.now() + 2 * 3600 * 1000 + 3600 * 1000, 'Expiration');
  });
});

describe('credential lifetime control', () => {
  test('credentialTtlSeconds sets the lifetime of credentials issued from then on; reset restores the start value', async () => {
    await control(shared.url, 'faults', { credentialTtlSeconds: 60 });
    assertNear((await newCredentials()).Expiration * 1000, Date.now() + 60_000, 'Expiration with a 60 s TTL');
    await control(shared.url, 'reset', {});
    assertNear((await newCredentials()).Expiration * 1000, Date.now() + 3600_000, 'Expiration after reset');
  });

  test('credentials past a short TTL are refused with ExpiredTokenException', async () => {
    const short = await startEmulator({ port: 0, credentialTtlSeconds: 1 });
    try {
      // The SDK refreshes credentials within 5 minutes of expiry, so the stale ones are passed as static values.
      const stale = eventsClient(short.url, { credentials: await staticCredentials(short.url) });
      await control(short.url, 'faults', { clockOffsetMs: 2000 }); // past the 1 s lifetime, without waiting
      await rejectsWith(stale.send(new PutEventsCommand(validInput())), { name: 'ExpiredTokenException', status: 403 });
    } finally {
      await short.close();
    }
  });
});
