// Shared helpers for the emulator's Node tests: an emulator per suite, real SDK clients pointed at
// it, a body-replacing middleware, a hand signer (@smithy/signature-v4), and control calls.
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import {
  PersonalizeEventsClient, PutActionInteractionsCommand, PutEventsCommand, type PutActionInteractionsCommandInput, type PutEventsCommandInput,
} from '@aws-sdk/client-personalize-events';
import { fromCognitoIdentityPool, type Storage } from '@aws-sdk/credential-provider-cognito-identity';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, BuildMiddleware, FinalizeRequestMiddleware, SourceData } from '@smithy/types';
import { after, before, beforeEach } from 'node:test';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../../src/emulator/ids';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server';

// The SDK warns once per process that Node 20 support ends in 2027; the tests know.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID };

/** A fresh identity-id cache per provider, so ids from one emulator never reach another. */
export function memoryCache(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export function cognitoProvider(url: string, identityPoolId = DEMO_IDENTITY_POOL_ID) {
  return fromCognitoIdentityPool({ identityPoolId, clientConfig: { region: DEMO_REGION, endpoint: url }, cache: memoryCache() });
}

/** Credentials fetched once through the real Cognito provider, then used as static values. */
export async function staticCredentials(url: string): Promise<AwsCredentialIdentity> {
  const { accessKeyId, secretAccessKey, sessionToken } = await cognitoProvider(url)();
  return { accessKeyId, secretAccessKey, sessionToken };
}

type ClientConfig = ConstructorParameters<typeof PersonalizeEventsClient>[0];

export function eventsClient(url: string, config: Partial<ClientConfig> = {}): PersonalizeEventsClient {
  return new PersonalizeEventsClient({ region: DEMO_REGION, endpoint: url, credentials: cognitoProvider(url), maxAttempts: 1, ...config });
}

export function validInput(overrides: Partial<PutEventsCommandInput> = {}): PutEventsCommandInput {
  return {
    trackingId: DEMO_TRACKING_ID,
    sessionId: 'session-1',
    userId: 'user-1',
    eventList: [{ eventType: 'click', sentAt: new Date(1719511760123), eventId: 'event-1', itemId: 'item-1' }],
    ...overrides,
  };
}

/** A valid PutActionInteractions input: one "Taken" interaction. */
export function validActionInput(overrides: Partial<PutActionInteractionsCommandInput> = {}): PutActionInteractionsCommandInput {
  return {
    trackingId: DEMO_TRACKING_ID,
    actionInteractions: [{ actionId: 'action-1', sessionId: 'session-1', timestamp: new Date(1719511760123), eventType: 'Taken', eventId: 'event-1' }],
    ...overrides,
  };
}

/** The two commands of the browser-relevant operations. */
export type EventsCommand = PutEventsCommand | PutActionInteractionsCommand;

/** client.send for either command (send's overloads take one command type at a time). */
export function sendCommand(client: PersonalizeEventsClient, command: EventsCommand): Promise<unknown> {
  return command instanceof PutEventsCommand ? client.send(command) : client.send(command);
}

/** Sends a command (default a PutEvents) whose JSON body is replaced (before signing) by `body`, so the real SDK signs it. */
export function sendRawBody(client: PersonalizeEventsClient, body: unknown, command: EventsCommand = new PutEventsCommand(validInput())): Promise<unknown> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const replaceBody: BuildMiddleware<any, any> = (next) => async (args) => {
    const request = args.request as { body: unknown; headers: Record<string, string> };
    request.body = text;
    request.headers['content-length'] = String(Buffer.byteLength(text));
    return next(args);
  };
  (command.middlewareStack as PutEventsCommand['middlewareStack']).add(replaceBody, { step: 'build', priority: 'low', name: 'replaceBody' });
  return sendCommand(client, command);
}

/** Runs `change` on the request after the SDK signed it (tampering in transit); `input` is a PutEvents input or any command. */
export function sendTampered(client: PersonalizeEventsClient, input: PutEventsCommandInput | EventsCommand, change: (request: { body: string; headers: Record<string, string> }) => void): Promise<unknown> {
  const command = input instanceof PutEventsCommand || input instanceof PutActionInteractionsCommand ? input : new PutEventsCommand(input);
  const tamper: FinalizeRequestMiddleware<any, any> = (next) => async (args) => {
    change(args.request as { body: string; headers: Record<string, string> });
    return next(args);
  };
  (command.middlewareStack as PutEventsCommand['middlewareStack']).addRelativeTo(
    tamper,
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperAfterSigning' },
  );
  return sendCommand(client, command);
}

interface ExpectedError {
  name: string;
  status: number;
  message?: RegExp | string;
}

/** Asserts that an SDK call failed with this AWS error name, HTTP status and message. */
export async function rejectsWith(call: Promise<unknown>, expected: ExpectedError): Promise<void> {
  await assert.rejects(call, (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, expected.name, `error name (message: ${error.message})`);
    assert.equal(error.$metadata?.httpStatusCode, expected.status, 'HTTP status');
    if (typeof expected.message === 'string') assert.equal(error.message, expected.message);
    else if (expected.message) assert.match(error.message, expected.message);
    return true;
  });
}

/** node:crypto SHA-256 in the shape @smithy/signature-v4 expects. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: Uint8Array | string): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data as ArrayBuffer);
}

export interface HandSignOptions {
  region?: string;
  service?: string;
  signingDate?: Date;
  unsignableHeaders?: Set<string>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Default /events. */
  path?: string;
}

/** Signs a POST /events (or `options.path`) with @smithy/signature-v4 and returns the headers to send with fetch. */
export async function handSign(url: string, body: string, credentials: AwsCredentialIdentity, options: HandSignOptions = {}): Promise<Record<string, string>> {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({ credentials, region: options.region ?? DEMO_REGION, service: options.service ?? 'personalize', sha256: NodeSha256 });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname, port: Number(port), path: options.path ?? '/events', query: options.query ?? {}, headers: { 'content-type': 'application/json', host, ...options.headers }, body },
    { signingDate: options.signingDate ?? new Date(), unsignableHeaders: options.unsignableHeaders },
  );
  const headers = { ...signed.headers };
  delete headers.host; // fetch sets Host itself, to the same value
  return headers;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function raw(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON: the caller looks at text
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** GET (no body) or POST (with body) an /__emulator/ endpoint and return its JSON. */
export async function control<T = Record<string, unknown>>(url: string, name: string, body?: unknown): Promise<T> {
  const response = await raw(`${url}/__emulator/${name}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  assert.equal(response.status, 200, `control ${name}: ${response.text}`);
  return response.json as T;
}

export async function cognito(url: string, operation: string, body: unknown): Promise<RawResponse> {
  return raw(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityService.${operation}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** One emulator (on a free port) for a test file's tests: started before them, reset before each, closed after. */
export function sharedEmulator(options: EmulatorOptions = {}): { emulator: Emulator; url: string } {
  const shared = {} as { emulator: Emulator; url: string };
  before(async () => {
    shared.emulator = await startEmulator({ ...options, port: 0 });
    shared.url = shared.emulator.url;
  });
  after(() => shared.emulator.close());
  beforeEach(() => control(shared.url, 'reset', {}));
  return shared;
}
