// One demo (as `npm start` runs it, in-process, on free ports) per spec file and worker, with the
// emulator's log and faults reset before each test.
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from '../demo/start';

/** Registers the hooks; the returned function gives the running demo inside a test. */
export function useDemo(): () => Demo {
  let demo: Demo | undefined;
  test.beforeAll(async () => {
    demo = await startDemo({ port: 0, emulatorPort: 0 });
  });
  test.afterAll(async () => {
    await demo?.close();
  });
  test.beforeEach(async () => {
    const response = await fetch(`${demo!.emulatorUrl}/__emulator/reset`, { method: 'POST' });
    expect(response.ok).toBe(true);
  });
  return () => demo!;
}
