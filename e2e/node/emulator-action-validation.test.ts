// Every PutActionInteractions limit (Next Best Action), table-driven, with the real SDK's
// PutActionInteractionsCommand: bodies swapped in before signing, so each is signed and checked
// for its signature first; refused with 400 InvalidInputException naming the field, and the
// boundaries accepted. Limits: botocore's personalize-events/2018-03-22/service-2.json and
// https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_ActionInteraction.html.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PutActionInteractionsCommand } from '@aws-sdk/client-personalize-events';
import { DEMO_TRACKING_ID, control, eventsClient, rejectsWith, sendRawBody, sharedEmulator, validActionInput } from './emulator-helpers';

type Interaction = Record<string, unknown>;

const LONG_TRACKING_ID = 't'.repeat(256);
const shared = sharedEmulator({ trackingIds: [LONG_TRACKING_ID] });

/** A valid interaction with `changes` applied; a change to `undefined` drops the field. */
function interaction(changes: Interaction = {}): Interaction {
  const base: Interaction = { actionId: 'action-1', sessionId: 'session-1', timestamp: 1719511760.5, eventType: 'Viewed', userId: 'user-1', ...changes };
  return Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined));
}

/** A request body holding `interactions`, with top-level `changes` (`undefined` drops a field). */
function request(interactions: Interaction[] = [interaction()], changes: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { trackingId: DEMO_TRACKING_ID, actionInteractions: interactions, ...changes };
  return Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined));
}

const one = (changes: Interaction) => request([interaction(changes)]);
const many = (count: number) => request(Array.from({ length: count }, (_, index) => interaction({ eventId: `e-${index}` })));
const ids = (count: number, length = 8) => Array.from({ length: count }, (_, index) => String(index).padStart(length, 'a'));
const LONG = 'x'.repeat(257);
const PATH = 'actionInteractions[0]';

/** [case, body, the message's start]. */
const REFUSED: Array<[string, unknown, string]> = [
  ['body a JSON string', '"hello"', 'The request body must be a JSON object (got string)'],
  ['trackingId missing', request(undefined, { trackingId: undefined }), 'trackingId is required'],
  ['trackingId empty', request(undefined, { trackingId: '' }), 'trackingId must be 1-256 characters (got 0)'],
  ['trackingId 257 chars', request(undefined, { trackingId: LONG }), 'trackingId must be 1-256 characters (got 257)'],
  ['actionInteractions missing', request(undefined, { actionInteractions: undefined }), 'actionInteractions is required'],
  ['0 action interactions', many(0), 'actionInteractions must contain 1-10 action interactions (got 0)'],
  ['11 action interactions', many(11), 'actionInteractions must contain 1-10 action interactions (got 11)'],
  ['actionInteractions an object', request(undefined, { actionInteractions: {} }), 'actionInteractions must be a list (got object)'],
  ['an interaction a number', request([7 as unknown as Interaction]), `${PATH} must be an object (got number)`],
  ['the 3rd interaction bad', request([interaction(), interaction(), interaction({ actionId: '' })]), 'actionInteractions[2].actionId must be 1-256 characters (got 0)'],
];
for (const field of ['actionId', 'sessionId', 'eventType']) {
  REFUSED.push(
    [`${field} missing`, one({ [field]: undefined }), `${PATH}.${field} is required`],
    [`${field} null`, one({ [field]: null }), `${PATH}.${field} is required`],
    [`${field} empty`, one({ [field]: '' }), `${PATH}.${field} must be 1-256 characters (got 0)`],
    [`${field} 257 chars`, one({ [field]: LONG }), `${PATH}.${field} must be 1-256 characters (got 257)`],
    [`${field} a number`, one({ [field]: 3 }), `${PATH}.${field} must be a string (got number)`],
  );
}
for (const [field, max] of [['userId', 256], ['eventId', 256], ['recommendationId', 40]] as const) {
  REFUSED.push(
    [`${field} empty`, one({ [field]: '' }), `${PATH}.${field} must be 1-${max} characters (got 0)`],
    [`${field} ${max + 1} chars`, one({ [field]: 'r'.repeat(max + 1) }), `${PATH}.${field} must be 1-${max} characters (got ${max + 1})`],
    [`${field} null`, one({ [field]: null }), `${PATH}.${field} must be a string (got null)`],
    [`${field} a list`, one({ [field]: ['a'] }), `${PATH}.${field} must be a string (got array)`],
  );
}
REFUSED.push(
  ['timestamp missing', one({ timestamp: undefined }), `${PATH}.timestamp is required`],
  ['timestamp an ISO string', one({ timestamp: '2024-06-27T18:09:20Z' }), `${PATH}.timestamp must be a number of epoch seconds (got string)`],
  ['timestamp negative', one({ timestamp: -5 }), `${PATH}.timestamp must not be negative (got -5)`],
  ['timestamp a boolean', one({ timestamp: true }), `${PATH}.timestamp must be a number of epoch seconds (got boolean)`],
  ['impression empty', one({ impression: [] }), `${PATH}.impression must contain 1-25 action ids (got 0)`],
  ['26 impressions', one({ impression: ids(26) }), `${PATH}.impression must contain 1-25 action ids (got 26)`],
  ['impression a string', one({ impression: 'a,b' }), `${PATH}.impression must be a list (got string)`],
  ['impression id 257 chars', one({ impression: ['a', LONG] }), `${PATH}.impression[1] must be 1-256 characters (got 257)`],
  ['impression id empty', one({ impression: [''] }), `${PATH}.impression[0] must be 1-256 characters (got 0)`],
  ['properties an object', one({ properties: { plan: 'gold' } }), `${PATH}.properties must be a string (got object)`],
  ['properties empty', one({ properties: '' }), `${PATH}.properties must be 1-1024 characters (got 0)`],
  ['properties 1025 chars', one({ properties: `{"n":"${'p'.repeat(1025 - 8)}"}` }), `${PATH}.properties must be 1-1024 characters (got 1025)`],
  ['properties not JSON', one({ properties: '{plan: gold}' }), `${PATH}.properties must be a JSON object but is not valid JSON`],
  ['properties a JSON list', one({ properties: '["a"]' }), `${PATH}.properties must be a JSON object (got array)`],
  ...['userid', 'SESSIONID', 'EventType', 'timeStamp', 'RecommendationId', 'IMPRESSION'].map((key): [string, unknown, string] => [
    `properties with the reserved key ${key}`, one({ properties: JSON.stringify({ numberOfActions: '12', [key]: 'x' }) }),
    `${PATH}.properties must not contain the reserved key "${key}"`,
  ]),
);

describe('refused PutActionInteractions bodies', () => {
  for (const [name, body, message] of REFUSED) {
    test(name, async () => {
      const command = new PutActionInteractionsCommand(validActionInput());
      const call = sendRawBody(eventsClient(shared.url), body, command);
      await rejectsWith(call, { name: 'InvalidInputException', status: 400, message: new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    });
  }

  test('the SDK sends 11 interactions as given, and they are refused', async () => {
    const actionInteractions = Array.from({ length: 11 }, () => ({ actionId: 'a', sessionId: 's', timestamp: new Date(), eventType: 'Viewed' }));
    await rejectsWith(eventsClient(shared.url).send(new PutActionInteractionsCommand({ trackingId: DEMO_TRACKING_ID, actionInteractions })), {
      name: 'InvalidInputException', status: 400, message: 'actionInteractions must contain 1-10 action interactions (got 11)',
    });
    assert.deepEqual(await control(shared.url, 'action-interactions'), { actionInteractions: [] });
  });
});

describe('PutActionInteractions boundaries that must be accepted', () => {
  const id256 = 'i'.repeat(256);
  const emoji = (count: number) => '\u{1F642}'.repeat(count); // 2 UTF-16 units, 1 code point
  const ACCEPTED: Array<[string, Record<string, unknown>]> = [
    ['256 characters in every id', request([interaction({ actionId: id256, sessionId: id256, eventType: id256, userId: id256, eventId: id256, impression: [id256] })], { trackingId: LONG_TRACKING_ID })],
    ['1 character in every id, only the required fields', request([interaction({ actionId: 'a', sessionId: 's', eventType: 'T', userId: undefined })])],
    ['10 action interactions', many(10)],
    ['25 impressions', one({ impression: ids(25) })],
    ['a 40-character recommendationId', one({ recommendationId: 'r'.repeat(40) })],
    ['properties of 1024 characters', one({ properties: `{"n":"${'p'.repeat(1024 - 8)}"}` })],
    ['properties with ordinary keys', one({ properties: '{"numberOfActions":"12","actionIdHash":"x"}' })],
    ['each documented event type', request(['Viewed', 'Taken', 'Not Taken'].map((eventType) => interaction({ eventType })))],
    // The model documents Viewed, Taken and Not Taken but has no enum trait: another value is not refused.
    ['an undocumented event type', one({ eventType: 'Clicked' })],
    ['an integer timestamp of 0', one({ timestamp: 0 })],
    ['an actionId of 256 emoji (512 UTF-16 units)', one({ actionId: emoji(256) })],
  ];
  for (const [name, body] of ACCEPTED) {
    test(name, async () => {
      const output = (await sendRawBody(eventsClient(shared.url), body, new PutActionInteractionsCommand(validActionInput()))) as { $metadata: { httpStatusCode?: number } };
      assert.equal(output.$metadata.httpStatusCode, 200);
      const logged = (await control<{ actionInteractions: Interaction[] }>(shared.url, 'action-interactions')).actionInteractions;
      const sent = body.actionInteractions as Interaction[];
      assert.deepEqual(logged.map(({ requestId: _id, receivedAt: _at, ...fields }) => fields), sent.map((entry) => ({ trackingId: body.trackingId, ...entry })));
    });
  }

  test('an actionId of 257 emoji is refused, counted in code points', async () => {
    await rejectsWith(sendRawBody(eventsClient(shared.url), one({ actionId: emoji(257) }), new PutActionInteractionsCommand(validActionInput())), {
      name: 'InvalidInputException', status: 400, message: `${PATH}.actionId must be 1-256 characters (got 257)`,
    });
  });
});
