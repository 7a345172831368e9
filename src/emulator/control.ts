// /__emulator/*: unsigned inspection and control endpoints for tests and the demo. They are never
// subject to faults, latency or "down".
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resetContext, type EmulatorContext } from './context.js';
import { readBody, sendJson } from './http-util.js';

export const CONTROL_PREFIX = '/__emulator/';

type Route = (req: IncomingMessage, res: ServerResponse, context: EmulatorContext) => void | Promise<void>;

const GET_ROUTES: Record<string, Route> = {
  health: (_req, res) => sendJson(res, 200, { ok: true }),
  events: (_req, res, { log }) => sendJson(res, 200, { events: log.listEvents() }),
  'action-interactions': (_req, res, { log }) => sendJson(res, 200, { actionInteractions: log.listActionInteractions() }),
  requests: (_req, res, { log }) => sendJson(res, 200, { requests: log.listRequests() }),
  faults: (_req, res, { faults }) => sendJson(res, 200, faults.describe()),
  calls: (_req, res, { calls }) => sendJson(res, 200, calls),
  stream: (req, res, { log }) => log.openStream(req, res),
};

const POST_ROUTES: Record<string, Route> = {
  faults: async (req, res, { faults }) => {
    const text = (await readBody(req)).body.toString('utf8');
    let script: unknown;
    try {
      script = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { ok: false, error: 'the body must be JSON, e.g. {"fail":{"count":1,"error":"ServiceUnavailable"}}' });
    }
    const problem = faults.apply(script);
    sendJson(res, problem ? 400 : 200, problem ? { ok: false, error: problem } : { ok: true });
  },
  'expire-credentials': async (req, res, { store, faults }) => {
    await readBody(req);
    store.expireAll(faults.now());
    sendJson(res, 200, { ok: true });
  },
  reset: async (req, res, context) => {
    await readBody(req);
    resetContext(context);
    sendJson(res, 200, { ok: true });
  },
};

export async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, context: EmulatorContext): Promise<void> {
  const name = path.slice(CONTROL_PREFIX.length);
  const routes = req.method === 'GET' ? GET_ROUTES : req.method === 'POST' ? POST_ROUTES : {};
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (route) return route(req, res, context);
  const known = Object.hasOwn(GET_ROUTES, name) || Object.hasOwn(POST_ROUTES, name);
  sendJson(res, known ? 405 : 404, { ok: false, error: known ? `${req.method} is not allowed on ${path}` : `no control endpoint ${path}` });
}
