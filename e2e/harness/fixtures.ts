// Playwright fixtures: every test gets its own emulator on a free port, so no test sees another's
// events, not even a late keepalive request from a page closed by the test before; every worker
// has its own static server.
import { test as base } from '@playwright/test';
import { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from '../../src/emulator/ids';
import { startEmulator } from '../../src/emulator/server';
import { EmulatorClient } from './emulator-client';
import { startStaticServer } from './static-server';

export interface TrackerSetup {
  trackingId: string;
  identityPoolId: string;
  region: string;
  endpoint: string;
  cognitoEndpoint: string;
  /** Relay mode: the page's relayUrl; the direct-mode fields are then not given to the tracker. */
  relayUrl?: string;
}

interface WorkerFixtures {
  siteUrl: string;
}

interface TestFixtures {
  emulatorUrl: string;
  emulator: EmulatorClient;
  /** Tracker config pointing at this worker's emulator. */
  setup: TrackerSetup;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  emulatorUrl: async ({}, use) => {
    const emulator = await startEmulator({ port: 0 });
    await use(emulator.url);
    await emulator.close();
  },
  siteUrl: [
    async ({}, use) => {
      const site = await startStaticServer({ port: 0 });
      await use(site.url);
      await site.close();
    },
    { scope: 'worker' },
  ],
  emulator: async ({ emulatorUrl }, use) => {
    await use(new EmulatorClient(emulatorUrl));
  },
  setup: async ({ emulatorUrl }, use) => {
    await use({
      trackingId: DEMO_TRACKING_ID,
      identityPoolId: DEMO_IDENTITY_POOL_ID,
      region: DEMO_REGION,
      endpoint: emulatorUrl,
      cognitoEndpoint: emulatorUrl,
    });
  },
});

export { expect } from '@playwright/test';
