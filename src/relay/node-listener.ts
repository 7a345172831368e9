// The relay as a node:http listener, for Express and Fastify too: IncomingMessage → Request,
// Response → ServerResponse. Written against the request and response objects alone (no `node:`
// import), so importing the relay's entry stays possible where Node's modules are not.
import type { NodeRequestLike, NodeResponseLike, RelayHandler } from './types';

/** The node request each Request was made from, for userId(): Express's `req.session`, Passport's `req.user`. */
const nodeRequests = new WeakMap<Request, NodeRequestLike>();

/** The IncomingMessage (Express or Fastify request) a Request came from through toNodeListener(); undefined for any other Request. */
export function nodeRequestOf(request: Request): NodeRequestLike | undefined {
  return nodeRequests.get(request);
}

/** Past the body limit the rest is read and dropped, so the client gets the 413; past this much more, the connection is closed. */
const MAX_DRAIN_BYTES = 1024 * 1024;

/** A `(req, res)` listener for `http.createServer()`, Express (`app.post(path, listener)`) and Fastify (`reply.hijack()`, then `listener(request.raw, reply.raw)`). */
export function toNodeListener(handler: RelayHandler): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    serve(handler, req, res).catch(() => {
      // The handler answers its own failures; this is a broken connection or response.
      try {
        res.statusCode = 500;
        res.end();
      } catch {
        req.destroy();
      }
    });
  };
}

async function serve(handler: RelayHandler, req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
  const request = toRequest(req);
  nodeRequests.set(request, req);
  const response = await handler(request);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(new Uint8Array(await response.arrayBuffer()));
}

function toRequest(req: NodeRequestLike): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  const secure = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const url = `${secure ? 'https' : 'http'}://${headers.get('host') ?? 'localhost'}${req.url ?? '/'}`;
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  // A body parser (express.json(), Fastify's) may have read the stream already: use what it kept.
  if (req.body !== undefined && req.readableEnded) {
    headers.delete('content-length');
    const body = typeof req.body === 'string' || req.body instanceof Uint8Array ? (req.body as BodyInit) : JSON.stringify(req.body);
    return new Request(url, { method, headers, body });
  }
  return new Request(url, { method, headers, body: streamOf(req), duplex: 'half' } as RequestInit);
}

function streamOf(req: NodeRequestLike): ReadableStream<Uint8Array> {
  let cancelled = false;
  let ended = false;
  let drained = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Uint8Array | string) => {
        const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
        if (!cancelled) {
          controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          return;
        }
        drained += bytes.byteLength;
        if (drained > MAX_DRAIN_BYTES) req.destroy();
      });
      req.on('end', () => {
        ended = true;
        if (!cancelled) controller.close();
      });
      req.on('error', (error: Error) => {
        if (!cancelled) controller.error(error);
      });
      // A client that goes away mid-body ends the stream with an error, so the read does not wait forever.
      req.on('close', () => {
        if (!ended && !cancelled) controller.error(new Error('the request was aborted'));
      });
    },
    cancel() {
      cancelled = true;
    },
  });
}
