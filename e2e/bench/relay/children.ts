// Starts the bench's child processes (emulator, relay) with tsx and talks to them over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STARTUP_TIMEOUT_MS = 15_000;

export interface Child {
  url: string;
  /** Sends `message` and resolves with the child's next reply. */
  ask<T>(message: string): Promise<T>;
  stop(): void;
}

export async function startChild(file: string, args: string[] = []): Promise<Child> {
  const child: ChildProcess = fork(fileURLToPath(new URL(file, import.meta.url)), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
  const first = await new Promise<{ url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as { url: string });
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
  child.on('exit', (code) => {
    // A child dying mid-run would leave the bench waiting: fail loudly instead.
    if (code !== 0 && code !== null) {
      console.error(`${file} exited with code ${code}`);
      process.exit(1);
    }
  });
  return {
    url: first.url,
    ask: <T>(message: string) =>
      new Promise<T>((resolve) => {
        child.once('message', (reply) => resolve(reply as T));
        child.send(message);
      }),
    stop: () => child.disconnect(),
  };
}
