// The load: `concurrency` clients, each sending its next batch as soon as its last one was
// answered, until `count` requests were sent. Every request is one batch of 10 events whose
// eventIds are unique over the whole run, so the emulator's log can be checked at the end.
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../../src/emulator/credentials';
import { DEMO_REGION, DEMO_TRACKING_ID } from '../../../src/emulator/ids';

export const EVENTS_PER_REQUEST = 10;

/** Sends one batch, resolves once it was answered as accepted; throws otherwise. */
export type Send = (batch: Batch) => Promise<void>;

export interface Batch {
  sessionId: string;
  eventList: Array<{ eventId: string; eventType: string; sentAt: number; itemId: string; properties: string }>;
}

let nextEvent = 0;
/** Every eventId sent, relay and direct, for the check at the end. */
export const sentEventIds: string[] = [];

function batch(client: number): Batch {
  const sentAt = Date.now() / 1000;
  const eventList = Array.from({ length: EVENTS_PER_REQUEST }, () => {
    const eventId = `bench-${nextEvent++}`;
    sentEventIds.push(eventId);
    // A product view as a shop sends it: an item and one small property.
    return { eventId, eventType: 'View', sentAt, itemId: `sku-${nextEvent % 997}`, properties: '{"numberOfRatings":"3"}' };
  });
  return { sessionId: `session-${client}`, eventList };
}

export interface RunResult {
  latenciesMs: number[];
  wallMs: number;
}

export async function run(send: Send, concurrency: number, count: number): Promise<RunResult> {
  const latenciesMs: number[] = [];
  let started = 0;
  const client = async (id: number): Promise<void> => {
    while (started < count) {
      started++;
      const body = batch(id); // built before the clock starts: only the round trip is timed
      const t0 = performance.now();
      await send(body);
      latenciesMs.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, id) => client(id)));
  return { latenciesMs, wallMs: performance.now() - t0 };
}

/** Through the relay: fetch (undici keeps connections alive), with the Origin a page of the shop sends. */
export function relaySender(relayUrl: string): Send {
  const url = `${relayUrl}/api/events`;
  return async (body) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: relayUrl },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`relay answered ${response.status}: ${text}`);
    const result = JSON.parse(text) as { accepted: string[]; refused: unknown[] };
    if (result.accepted.length !== EVENTS_PER_REQUEST) throw new Error(`relay accepted ${result.accepted.length} of ${EVENTS_PER_REQUEST}: ${text}`);
  };
}

/** Direct: the SDK signs with the same static key and posts to the emulator, set up as the relay's own client is. */
export function directSender(emulatorUrl: string): Send {
  const client = new PersonalizeEventsClient({
    region: DEMO_REGION,
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
    endpoint: emulatorUrl,
    maxAttempts: 1, // as the relay: a retry would hide a failure and blur the latency
  });
  return async (body) => {
    // The SDK serialises sentAt from a Date, as the relay hands it over (relay-request.ts).
    const eventList = body.eventList.map((event) => ({ ...event, sentAt: new Date(event.sentAt * 1000) }));
    await client.send(new PutEventsCommand({ trackingId: DEMO_TRACKING_ID, sessionId: body.sessionId, eventList }));
  };
}
