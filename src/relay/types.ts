// The public types of personalize-tracker/relay: its options, the wire protocol between the
// browser and the relay, and the shapes its adapters take and give. Everything a user of the relay
// can name lives here. They name no AWS SDK or Node type: the SDK's own declarations need
// @types/node, which a Worker or Deno project does not have; the SDK's objects fit these shapes.
import type { RelayErrorCode } from '../shared/relay-wire';

/** An access key, as the SDK's credential providers resolve it. */
export interface RelayCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** What the relay needs of a client: a PersonalizeEventsClient from `@aws-sdk/client-personalize-events` fits. */
export interface PutEventsClient {
  send(command: never): Promise<unknown>;
}

/** A web-standard request handler: Next.js route handlers, Cloudflare Workers, Deno, Bun. */
export type RelayHandler = (request: Request) => Promise<Response>;

/** Options of `createRelay()`. */
export interface RelayOptions {
  /** Event tracker id from Personalize `CreateEventTracker`, set on the server: the browser cannot choose it. Required. */
  trackingId: string;
  /** AWS region of the event tracker. Default: the SDK's own resolution (`AWS_REGION`, the shared config file). */
  region?: string;
  /** Credentials PutEvents is signed with. Default: the SDK's default credential chain (environment, the function's IAM role). */
  credentials?: RelayCredentials | (() => Promise<RelayCredentials>);
  /** PutEvents URL override (the emulator's URL in tests). Default: the SDK's endpoint for the region. */
  endpoint?: string;
  /** A PersonalizeEventsClient to reuse; region, credentials and endpoint are then ignored. Default: one created by the relay, without retries. */
  client?: PutEventsClient;
  /** The shopper of this request, from the server's own session; it always replaces a browser-sent userId. Default: none. */
  userId?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Without `userId()`, pass a browser-sent userId through instead of dropping it. Default: `false`. */
  trustClientUserId?: boolean;
  /** Origins allowed to post (exactly these; list your public origin behind a proxy). Default: the request URL's own origin only. */
  allowedOrigins?: string[];
  /** Largest request body read, in bytes; larger ones answer 413. Default: `65536` (the fetch keepalive cap). */
  maxBodyBytes?: number;
  /** Called with each failure on the server's side (AWS, userId(), the relay itself). Default: one `console.warn` line without event content. */
  onError?: (error: unknown, context: RelayErrorContext) => void;
}

/** What `onError` is told besides the error. */
export interface RelayErrorContext {
  /** The answer the browser got: `code` and HTTP `status`. */
  code: RelayErrorCode | 'InvalidInput';
  status: number;
  request: Request;
}

export type { RelayBatch, RelayErrorBody, RelayErrorCode, RelayEvent, RelayResult } from '../shared/relay-wire';

/** The parts of node:http's IncomingMessage the Node adapter reads (Express and Fastify pass theirs). */
export interface NodeRequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Set by Express's and Fastify's body parsers when they read the body first. */
  body?: unknown;
  /** A TLS socket has `encrypted: true`: the request URL is then https. */
  socket?: object;
  /** `data` (chunks), `end`, `error`, as a Node readable stream. */
  on(event: string, listener: (...args: any[]) => void): unknown;
  readonly readableEnded?: boolean;
  destroy(error?: Error): unknown;
}

/** The parts of node:http's ServerResponse the Node adapter writes. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(body?: Uint8Array | string): unknown;
}

/** A Lambda function URL or API Gateway HTTP API event, payload format 2.0 (the fields the adapter reads). */
export interface LambdaHttpEvent {
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: {
    domainName?: string;
    http: { method: string; sourceIp?: string };
    /** API Gateway's authorizer result, e.g. `{ jwt: { claims: { sub } } }` for a JWT authorizer. */
    authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]>; scopes?: string[] }; lambda?: Record<string, unknown>; [kind: string]: unknown };
  };
}

/** What a payload format 2.0 handler returns. */
export interface LambdaHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}
