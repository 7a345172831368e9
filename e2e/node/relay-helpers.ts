// Shared pieces of the relay's tests: an emulator per file, a relay signing with the emulator's
// test access key, real Request objects as a browser would send them, and the events that arrived.
import assert from 'node:assert/strict';
import { DEMO_REGION, DEMO_TRACKING_ID, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../src/emulator/index';
import { createRelay } from '../../src/relay/index';
import type { RelayEvent, RelayHandler, RelayOptions } from '../../src/relay/index';
import { sharedEmulator } from './emulator-helpers';

export const SHOP = 'https://shop.example';
export const RELAY_URL = `${SHOP}/api/events`;

/** The emulator of this test file (reset before each test). */
export const relayEmulator = () => sharedEmulator();

export function testRelay(url: string, options: Partial<RelayOptions> = {}): RelayHandler {
  return createRelay({
    trackingId: DEMO_TRACKING_ID,
    region: DEMO_REGION,
    endpoint: url,
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
    onError: () => undefined,
    ...options,
  });
}

let counter = 0;
/** A valid wire event, as the browser sends it. */
export function wireEvent(overrides: Partial<RelayEvent> & Record<string, unknown> = {}): RelayEvent {
  counter += 1;
  return { eventId: `event-${counter}`, eventType: 'View', sentAt: Math.floor(Date.now() / 1000), itemId: `item-${counter}`, ...overrides };
}

/** A POST from the shop's own page: same origin, application/json. */
export function post(body: unknown, { headers = {}, url = RELAY_URL }: { headers?: Record<string, string>; url?: string } = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { origin: SHOP, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

export async function answer(response: Response | Promise<Response>): Promise<Answer> {
  const settled = await response;
  const text = await settled.text();
  return { status: settled.status, headers: settled.headers, json: text ? JSON.parse(text) : undefined };
}

/** Asserts an error answer: status, code, and the message matching `message`. */
export function assertError(got: Answer, status: number, code: string, message?: RegExp): void {
  assert.equal(got.status, status, JSON.stringify(got.json));
  assert.equal(got.json.code, code);
  assert.equal(typeof got.json.message, 'string');
  if (message) assert.match(got.json.message, message);
}
