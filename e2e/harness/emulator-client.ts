// Reads and drives a running emulator through its documented /__emulator/ endpoints.
import { expect } from '@playwright/test';

/** One accepted event as the emulator logged it (see e2e/emulator/README.md). */
export interface LoggedEvent {
  trackingId: string;
  sessionId: string;
  userId?: string;
  eventType: string;
  sentAt: number;
  eventId?: string;
  itemId?: string;
  eventValue?: number;
  properties?: string;
  impression?: string[];
  recommendationId?: string;
  requestId: string;
  receivedAt: number;
}

/** One PutEvents attempt, accepted or refused. */
export interface LoggedRequest {
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

export interface FaultScript {
  fail?: { count: number; error: string; status?: number; retryAfterSeconds?: number };
  latencyMs?: number;
  down?: boolean;
  poisonItemIds?: string[];
}

export class EmulatorClient {
  constructor(readonly url: string) {}

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async events(): Promise<LoggedEvent[]> {
    return (await this.call<{ events: LoggedEvent[] }>('events')).events;
  }

  async requests(): Promise<LoggedRequest[]> {
    return (await this.call<{ requests: LoggedRequest[] }>('requests')).requests;
  }

  async faults(script: FaultScript): Promise<void> {
    await this.call('faults', script);
  }

  async expireCredentials(): Promise<void> {
    await this.call('expire-credentials', {});
  }

  async reset(): Promise<void> {
    await this.call('reset', {});
  }

  /** Waits until at least `count` events have been accepted, then returns all of them. */
  async waitForEvents(count: number, timeoutMs = 10_000): Promise<LoggedEvent[]> {
    await expect
      .poll(async () => (await this.events()).length, { timeout: timeoutMs, message: `waiting for ${count} events` })
      .toBeGreaterThanOrEqual(count);
    return this.events();
  }
}
