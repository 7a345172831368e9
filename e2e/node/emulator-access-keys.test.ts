// Long-term access keys: the well-known test pair every emulator knows and the `accessKeys` start
// option, as a server such as the relay signs with them (an IAM role's stand-in). The signature,
// its scope and the session token are checked as for Cognito's credentials.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../src/emulator/credentials';
import { startEmulator } from '../../src/emulator/server';
import { eventsClient, rejectsWith, sharedEmulator, validInput } from './emulator-helpers';

const ROLE_KEY = { accessKeyId: 'ASIAROLESESSION00001', secretAccessKey: 'role-secret', sessionToken: 'role-session-token', region: 'eu-west-1' };
const shared = sharedEmulator({ accessKeys: [ROLE_KEY] });
const testPair = { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY };

describe('the well-known test pair', () => {
  test('signs a PutEvents the emulator accepts, and its events are logged', async () => {
    await eventsClient(shared.url, { credentials: testPair }).send(new PutEventsCommand(validInput()));
    assert.deepEqual(shared.emulator.events().map((event) => event.eventId), ['event-1']);
  });

  test('a wrong secret, another region or a session token it does not have are refused', async () => {
    await rejectsWith(eventsClient(shared.url, { credentials: { ...testPair, secretAccessKey: 'wrong' } }).send(new PutEventsCommand(validInput())), {
      name: 'InvalidSignatureException',
      status: 403,
      message: /signature we calculated does not match/,
    });
    await rejectsWith(eventsClient(shared.url, { credentials: testPair, region: 'eu-west-1' }).send(new PutEventsCommand(validInput())), {
      name: 'InvalidSignatureException',
      status: 403,
      message: /These credentials belong to 'us-east-1'/,
    });
    await rejectsWith(eventsClient(shared.url, { credentials: { ...testPair, sessionToken: 'made-up' } }).send(new PutEventsCommand(validInput())), {
      name: 'UnrecognizedClientException',
      status: 403,
    });
    assert.deepEqual(shared.emulator.events(), []);
  });

  test('does not expire with the expire-credentials control', async () => {
    shared.emulator.expireCredentials();
    await eventsClient(shared.url, { credentials: testPair }).send(new PutEventsCommand(validInput()));
    assert.equal(shared.emulator.events().length, 1);
  });
});

describe('the accessKeys option', () => {
  test('a role session key is accepted with its token, in its region, and refused without the token', async () => {
    const { sessionToken, ...withoutToken } = ROLE_KEY;
    await eventsClient(shared.url, { credentials: { ...withoutToken, sessionToken }, region: 'eu-west-1' }).send(new PutEventsCommand(validInput()));
    assert.equal(shared.emulator.events().length, 1);
    await rejectsWith(eventsClient(shared.url, { credentials: withoutToken, region: 'eu-west-1' }).send(new PutEventsCommand(validInput())), {
      name: 'UnrecognizedClientException',
      status: 403,
    });
  });

  test('a malformed key is refused at start with a RangeError', async () => {
    await assert.rejects(startEmulator({ port: 0, accessKeys: [{ accessKeyId: 'short', secretAccessKey: 'x' }] }), RangeError);
    await assert.rejects(startEmulator({ port: 0, accessKeys: [{ accessKeyId: 'AKIA0000000000000000', secretAccessKey: '' }] }), RangeError);
  });
});
