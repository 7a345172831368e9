// What the emulator saw: every accepted event (flat records) and action interaction, every
// PutEvents and PutActionInteractions attempt, a live Server-Sent Events feed of what was
// accepted, and an optional JSON-lines file.
import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventsOperation } from './fault-script.js';
import type { ActionInteraction, PutActionInteractionsInput } from './put-action-interactions.js';
import type { PutEventsEvent, PutEventsInput } from './put-events.js';
import type { RequestSummary } from './request-summary.js';
import { RingBuffer } from './ring-buffer.js';

/** Proxies and browsers drop idle streams; a comment this often keeps the SSE connection open. */
const SSE_KEEP_ALIVE_MS = 15_000;
/** Accepted events kept for /__emulator/events (and action interactions for /__emulator/action-interactions); older ones are dropped (each is at most ~10 KB). */
export const DEFAULT_MAX_EVENTS = 20_000;
/** PutEvents and PutActionInteractions attempts kept for /__emulator/requests; older ones are dropped (each is at most ~4 KB). */
export const DEFAULT_MAX_REQUESTS = 10_000;
/** The SSE event name of an accepted action interaction; events go unnamed, so an EventSource's onmessage sees only events. */
const ACTION_INTERACTION_SSE_EVENT = 'action-interaction';

/** What the request stamps on every record of an accepted entry. */
interface Receipt {
  requestId: string;
  receivedAt: number;
}

export type EventRecord = Omit<PutEventsInput, 'eventList'> & PutEventsEvent & Receipt;

/** An accepted action interaction: its fields as received, its request's trackingId, and the receipt. */
export type ActionInteractionRecord = Pick<PutActionInteractionsInput, 'trackingId'> & ActionInteraction & Receipt;

export interface RequestRecord extends RequestSummary, Receipt {
  /** Which operation was called (POST /events or POST /action-interactions). */
  operation: EventsOperation;
  status: number;
  errorType?: string;
  message?: string;
}

export interface EventLogOptions {
  logFile?: string;
  /** Accepted events kept in memory, and as many action interactions. Default DEFAULT_MAX_EVENTS (20,000). */
  maxEvents?: number;
  /** PutEvents and PutActionInteractions attempts kept in memory. Default DEFAULT_MAX_REQUESTS (10,000). */
  maxRequests?: number;
}

export class EventLog {
  private readonly events: RingBuffer<EventRecord>;
  private readonly actionInteractions: RingBuffer<ActionInteractionRecord>;
  private readonly requests: RingBuffer<RequestRecord>;
  private readonly streams = new Set<ServerResponse>();
  private readonly logFile: string | undefined;

  constructor({ logFile, maxEvents = DEFAULT_MAX_EVENTS, maxRequests = DEFAULT_MAX_REQUESTS }: EventLogOptions = {}) {
    this.events = new RingBuffer(maxEvents);
    this.actionInteractions = new RingBuffer(maxEvents);
    this.requests = new RingBuffer(maxRequests);
    this.logFile = logFile;
    // Fail at start, not on the first event, when the file cannot be written.
    if (logFile) appendFileSync(logFile, '');
  }

  /** Logs, streams and writes each event of an accepted PutEvents as a flat record. */
  accept(input: PutEventsInput, requestId: string, receivedAt: number): void {
    const { eventList, ...common } = input;
    for (const event of eventList) {
      const record: EventRecord = { ...common, ...event, requestId, receivedAt };
      this.events.push(record);
      this.publish(record, '');
    }
  }

  /** Logs, streams and writes each action interaction of an accepted PutActionInteractions. */
  acceptActionInteractions(input: PutActionInteractionsInput, requestId: string, receivedAt: number): void {
    for (const interaction of input.actionInteractions) {
      const record: ActionInteractionRecord = { trackingId: input.trackingId, ...interaction, requestId, receivedAt };
      this.actionInteractions.push(record);
      this.publish(record, `event: ${ACTION_INTERACTION_SSE_EVENT}\n`);
    }
  }

  recordRequest(record: RequestRecord): void {
    this.requests.push(record);
  }

  listEvents(): EventRecord[] {
    return this.events.toArray();
  }

  /** Accepted action interactions, oldest first. */
  listActionInteractions(): ActionInteractionRecord[] {
    return this.actionInteractions.toArray();
  }

  listRequests(): RequestRecord[] {
    return this.requests.toArray();
  }

  /** How many entries each log has dropped to stay within its size since the last reset. */
  dropped(): { events: number; actionInteractions: number; requests: number } {
    return { events: this.events.dropped, actionInteractions: this.actionInteractions.dropped, requests: this.requests.dropped };
  }

  clear(): void {
    this.events.clear();
    this.actionInteractions.clear();
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

  /** One JSON line to the log file, and one SSE message (named by `sseField`, or unnamed when '') to each stream. */
  private publish(record: EventRecord | ActionInteractionRecord, sseField: string): void {
    const line = JSON.stringify(record);
    if (this.logFile) appendFileSync(this.logFile, `${line}\n`);
    for (const stream of this.streams) stream.write(`${sseField}data: ${line}\n\n`);
  }
}
