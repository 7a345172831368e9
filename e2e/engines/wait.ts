// Polling for an outcome: the engines and the emulator are observed, never slept on.

const POLL_MS = 50;

/** Resolves with the first truthy value of `check` (errors count as not yet), or rejects after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs: number, what = 'a condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}
