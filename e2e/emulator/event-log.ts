// What the emulator saw: every accepted event (flat records), every PutEvents attempt, a live
// Server-Sent Events feed of accepted events, and an optional JSON-lines file.
import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PutEventsEvent, PutEventsInput } from './put-events';

/** Proxies and browsers drop idle streams; a comment this often keeps the SSE connection open. */
const SSE_KEEP_ALIVE_MS = 15_000;

export type EventRecord = Omit<PutEventsInput, 'eventList'> & PutEventsEvent & { requestId: string; receivedAt: number };

export interface RequestRecord {
  requestId: string;
  receivedAt: number;
  status: number;
  errorType?: string;
  message?: string;
  trackingId?: string;
  sessionId?: string;
  userId?: string;
  eventCount: number;
  eventIds: string[];
}

export class EventLog {
  private events: EventRecord[] = [];
  private requests: RequestRecord[] = [];
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly logFile?: string) {
    // Fail at start, not on the first event, when the file cannot be written.
    if (logFile) appendFileSync(logFile, '');
  }

  accept(input: PutEventsInput, requestId: string, receivedAt: number): void {
    const { eventList, ...common } = input;
    for (const event of eventList) {
      const record: EventRecord = { ...common, ...event, requestId, receivedAt };
      this.events.push(record);
      const line = JSON.stringify(record);
      if (this.logFile) appendFileSync(this.logFile, `${line}\n`);
      for (const stream of this.streams) stream.write(`data: ${line}\n\n`);
    }
  }

  recordRequest(record: RequestRecord): void {
    this.requests.push(record);
  }

  listEvents(): EventRecord[] {
    return this.events;
  }

  listRequests(): RequestRecord[] {
    return this.requests;
  }

  clear(): void {
    this.events = [];
    this.requests = [];
  }

  /** Holds the response open as an SSE stream until the client goes away or close() is called. */
  openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEP_ALIVE_MS);
    const cleanUp = (): void => {
      clearInterval(keepAlive);
      this.streams.delete(res);
    };
    req.on('close', cleanUp);
    res.on('close', cleanUp);
  }

  closeStreams(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}

/** Best-effort summary of a body for the request log, even when it was refused. */
export function summarize(body: unknown): Pick<RequestRecord, 'trackingId' | 'sessionId' | 'userId' | 'eventCount' | 'eventIds'> {
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const list = Array.isArray(object.eventList) ? (object.eventList as unknown[]) : [];
  const summary: Partial<RequestRecord> = {};
  for (const key of ['trackingId', 'sessionId', 'userId'] as const) {
    if (typeof object[key] === 'string') summary[key] = object[key] as string;
  }
  const eventIds = list.flatMap((event) => {
    const id = typeof event === 'object' && event !== null ? (event as Record<string, unknown>).eventId : undefined;
    return typeof id === 'string' ? [id] : [];
  });
  return { ...summary, eventCount: list.length, eventIds };
}
