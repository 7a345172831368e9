// What the emulator saw: every accepted event (flat records), every PutEvents attempt, a live
// Server-Sent Events feed of accepted events, and an optional JSON-lines file.
import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PutEventsEvent, PutEventsInput } from './put-events.js';
import { RingBuffer } from './ring-buffer.js';

/** Proxies and browsers drop idle streams; a comment this often keeps the SSE connection open. */
const SSE_KEEP_ALIVE_MS = 15_000;
/** Accepted events kept for /__emulator/events; older ones are dropped (each is at most ~10 KB). */
export const DEFAULT_MAX_EVENTS = 20_000;
/** PutEvents attempts kept for /__emulator/requests; older ones are dropped (each is at most ~4 KB). */
export const DEFAULT_MAX_REQUESTS = 10_000;
/** A summary keeps this many UTF-16 units of an id (the model's longest id is 256 characters). */
const SUMMARY_ID_MAX_LENGTH = 256;
/** A logged refusal message keeps this many UTF-16 units (the signature mismatch message is ~1 KB). */
const SUMMARY_MESSAGE_MAX_LENGTH = 4096;
/** A summary keeps this many event ids (PutEvents takes at most 10 events). */
const SUMMARY_MAX_EVENT_IDS = 10;

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

export interface EventLogOptions {
  logFile?: string;
  /** Accepted events kept in memory. Default DEFAULT_MAX_EVENTS (20,000). */
  maxEvents?: number;
  /** PutEvents attempts kept in memory. Default DEFAULT_MAX_REQUESTS (10,000). */
  maxRequests?: number;
}

export class EventLog {
  private readonly events: RingBuffer<EventRecord>;
  private readonly requests: RingBuffer<RequestRecord>;
  private readonly streams = new Set<ServerResponse>();
  private readonly logFile: string | undefined;

  constructor({ logFile, maxEvents = DEFAULT_MAX_EVENTS, maxRequests = DEFAULT_MAX_REQUESTS }: EventLogOptions = {}) {
    this.events = new RingBuffer(maxEvents);
    this.requests = new RingBuffer(maxRequests);
    this.logFile = logFile;
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
    return this.events.toArray();
  }

  listRequests(): RequestRecord[] {
    return this.requests.toArray();
  }

  /** How many entries each log has dropped to stay within its size since the last reset. */
  dropped(): { events: number; requests: number } {
    return { events: this.events.dropped, requests: this.requests.dropped };
  }

  clear(): void {
    this.events.clear();
    this.requests.clear();
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

/** Record fields of a request whose signature did not verify: nothing from its body. */
export const UNAUTHENTICATED_SUMMARY = { eventCount: 0, eventIds: [] as string[] };

/**
 * Summary of an authenticated body for the request log, even when it was refused. Ids are cut to
 * SUMMARY_ID_MAX_LENGTH and copied, so a refused 1 MB string is not kept alive by its summary.
 */
export function summarize(body: unknown): Pick<RequestRecord, 'trackingId' | 'sessionId' | 'userId' | 'eventCount' | 'eventIds'> {
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const list = Array.isArray(object.eventList) ? (object.eventList as unknown[]) : [];
  const summary: Partial<RequestRecord> = {};
  for (const key of ['trackingId', 'sessionId', 'userId'] as const) {
    if (typeof object[key] === 'string') summary[key] = bounded(object[key] as string, SUMMARY_ID_MAX_LENGTH);
  }
  const eventIds = list.slice(0, SUMMARY_MAX_EVENT_IDS).flatMap((event) => {
    const id = typeof event === 'object' && event !== null ? (event as Record<string, unknown>).eventId : undefined;
    return typeof id === 'string' ? [bounded(id, SUMMARY_ID_MAX_LENGTH)] : [];
  });
  return { ...summary, eventCount: list.length, eventIds };
}

/** A refusal message as logged: messages quote the offending value, which may be huge. */
export function boundMessage(message: string): string {
  return bounded(message, SUMMARY_MESSAGE_MAX_LENGTH);
}

/** A short copy: V8 would otherwise keep a slice's whole parent string alive. */
function bounded(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${Buffer.from(text.slice(0, maxLength), 'utf16le').toString('utf16le')}…`;
}
