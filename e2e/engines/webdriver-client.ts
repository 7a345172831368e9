// A W3C WebDriver client over plain HTTP (https://w3c.github.io/webdriver/), just the commands the
// scenarios need. Commands that act on "the current window" are serialised, since that is one
// state per session and tabs are driven concurrently.

interface WebDriverError {
  error: string;
  message: string;
}

export class WebDriverSession {
  private queue: Promise<unknown> = Promise.resolve();
  private current: string | undefined;

  private constructor(
    private readonly url: string,
    readonly id: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  /** Opens a session on the driver at `driverUrl` with these `alwaysMatch` capabilities. */
  static async create(driverUrl: string, alwaysMatch: Record<string, unknown>): Promise<WebDriverSession> {
    const answer = await command<{ sessionId: string; capabilities: Record<string, unknown> }>(`${driverUrl}/session`, 'POST', {
      capabilities: { alwaysMatch },
    });
    return new WebDriverSession(`${driverUrl}/session/${answer.sessionId}`, answer.sessionId, answer.capabilities);
  }

  /** Runs one command; `path` is relative to the session. */
  send<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return command<T>(`${this.url}${path}`, method, body);
  }

  /** Runs `work` with `handle` as the current window, one at a time. */
  inWindow<T>(handle: string, work: () => Promise<T>): Promise<T> {
    const run = async () => {
      if (this.current !== handle) {
        await this.send('POST', '/window', { handle });
        this.current = handle;
      }
      return work();
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Forgets which window is current (after it was closed). */
  windowClosed(): void {
    this.current = undefined;
  }

  /** Ends the session, which closes the browser. */
  async delete(): Promise<void> {
    await command(this.url, 'DELETE');
  }
}

async function command<T>(url: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
  const { value } = (await response.json()) as { value: T | WebDriverError };
  if (!response.ok) {
    const { error, message } = value as WebDriverError;
    throw new Error(`WebDriver ${method} ${new URL(url).pathname}: ${error}: ${message}`);
  }
  return value as T;
}
