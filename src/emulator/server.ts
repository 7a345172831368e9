// The emulator's HTTP server: one port on 127.0.0.1 serving Cognito Identity (POST /),
// Personalize Events (POST /events, POST /action-interactions) and the /__emulator/ controls,
// all with CORS.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCognitoRoute } from './cognito-route.js';
import { createContext, type ContextOptions, type EmulatorContext } from './context.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { controlAllowOrigin, refuseControlCaller } from './control-guard.js';
import { controlsOf, type EmulatorControls } from './controls-api.js';
import { eventsRoute } from './events-routes.js';
import { answerPreflight, readBody, sendJson, sendRestJsonError, setCommonHeaders } from './http-util.js';

export const DEFAULT_PORT = 4599;
/** Loopback only: the emulator hands out credentials to anyone who asks. */
const HOST = '127.0.0.1';

export interface EmulatorOptions extends ContextOptions {
  /** 0 picks a free port. Default 4599. */
  port?: number;
}

/** A running emulator: where it listens, its controls as functions, and close(). */
export interface Emulator extends EmulatorControls {
  /** `http://127.0.0.1:<port>`, no trailing slash: the endpoint for both services. */
  url: string;
  port: number;
  /** Stops listening, ends open SSE streams and drops keep-alive connections. */
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1 (never another interface). Default port 4599; 0 picks a free one. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const context = createContext(options);
  const server = createServer((req, res) => {
    route(req, res, context).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { message: `emulator error: ${(error as Error).message}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    ...controlsOf(context),
    url: `http://${HOST}:${port}`,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        context.log.closeStreams();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function route(req: IncomingMessage, res: ServerResponse, context: EmulatorContext): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  const isControl = path.startsWith(CONTROL_PREFIX);
  if (context.faults.down && !isControl) {
    req.socket.destroy(); // the client sees a network error, as when the service is unreachable
    return;
  }
  const requestId = randomUUID();
  // The AWS routes answer any page, as AWS does; the controls only loopback callers (control-guard.ts).
  setCommonHeaders(res, requestId, isControl ? controlAllowOrigin(req) : (req.headers.origin ?? '*'), context.faults.now());
  if (isControl) {
    const refusal = refuseControlCaller(req);
    if (refusal) return sendJson(res, refusal.status, { ok: false, error: refusal.error });
  }
  if (req.method === 'OPTIONS') return answerPreflight(req, res);
  if (isControl) return handleControl(req, res, path, context);
  const events = req.method === 'POST' ? eventsRoute(path) : undefined;
  if (events) return events(req, res, requestId, context);
  if (req.method === 'POST' && path === '/') return handleCognitoRoute(req, res, context);
  await readBody(req);
  sendRestJsonError(res, { status: 404, type: 'UnknownOperationException', message: `No operation at ${req.method} ${path}` });
}
