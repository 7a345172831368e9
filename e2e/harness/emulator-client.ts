// Reads and drives a running emulator through its documented /__emulator/ endpoints.
import { expect } from '@playwright/test';
import type { EventRecord as LoggedEvent, RequestRecord as LoggedRequest } from '../../src/emulator/event-log';
import type { FaultScript, Operation } from '../../src/emulator/faults';

/** One accepted event, one PutEvents attempt, as the emulator logs them (see src/emulator/README.md). */
export type { EventRecord as LoggedEvent, RequestRecord as LoggedRequest } from '../../src/emulator/event-log';
export type { FaultScript } from '../../src/emulator/faults';

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

  /** Calls received per operation since the last reset, e.g. to assert at most 1 GetId. */
  async calls(): Promise<Record<Operation, number>> {
    return this.call<Record<Operation, number>>('calls');
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
