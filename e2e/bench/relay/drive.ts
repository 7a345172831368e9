// The load: `concurrency` clients, each sending its next batch as soon as its last one was
// answered, until `count` requests were sent. Every request is one batch of 10 events whose
// eventIds are unique over the whole run, so the emulator's log can be checked at the end.
import { Agent, request as httpRequest } from 'node:http';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../../src/emulator/credentials';
import { DEMO_REGION, DEMO_TRACKING_ID } from '../../../src/emulator/ids';

export const EVENTS_PER_REQUEST = 10;
/** The SDK's NodeHttpHandler default (keepAlive: true, maxSockets: 50), used for the relay arm too. */
const MAX_SOCKETS = 50;

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

/**
 * Through the relay: node:http with a keep-alive Agent, the HTTP stack the SDK's NodeHttpHandler
 * uses going direct (keepAlive, 50 sockets), so the two arms differ only by the relay's hop. fetch
 * (undici) costs the load generator itself about 0.4 ms more per request on this machine, which is
 * the client's cost, not the relay's. The Origin is the one a page of the shop sends.
 */
export function relaySender(relayUrl: string): Send {
  const { hostname, port } = new URL(relayUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  return (body) =>
    new Promise<void>((resolve, reject) => {
      const data = JSON.stringify(body);
      const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)), origin: relayUrl };
      const request = httpRequest({ host: hostname, port, path: '/api/events', method: 'POST', agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) return reject(new Error(`relay answered ${response.statusCode}: ${text}`));
          const result = JSON.parse(text) as { accepted: string[]; refused: unknown[] };
          if (result.accepted.length !== EVENTS_PER_REQUEST) return reject(new Error(`relay accepted ${result.accepted.length} of ${EVENTS_PER_REQUEST}: ${text}`));
          resolve();
        });
      });
      request.on('error', reject);
      request.end(data);
    });
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
