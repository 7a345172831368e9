// The emulator's public API, shipped as `personalize-tracker/emulator`: start it from a test,
// point the tracker at `emulator.url`, and assert what arrived with events(), actionInteractions()
// and requests().
export { startEmulator, DEFAULT_PORT } from './server.js';
export type { Emulator, EmulatorOptions } from './server.js';
export type { EmulatorControls } from './controls-api.js';
export type { ActionInteractionRecord, EventRecord, RequestRecord } from './event-log.js';
export type { FaultScript, Operation, RateLimits } from './faults.js';
export { DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID } from './ids.js';
export { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from './credentials.js';
export type { AccessKey } from './credentials.js';
