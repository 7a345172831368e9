// The emulator in its own process, so it does not share an event loop (or a core's time slices)
// with the relay it answers. Not cli.ts: the bench needs a log larger than the default 20,000
// events to check every event arrived, and the eventIds over IPC rather than through a log file
// (cli.ts's --log-file appends synchronously per event, which would slow the emulator down).
import { startEmulator } from '../../../src/emulator/server';

// Rate limits are off by default (no --rate-limit, no rateLimits option): nothing is throttled.
const emulator = await startEmulator({ port: 0, maxEvents: 500_000, maxRequests: 100_000 });

process.on('message', (message: string) => {
  if (message === 'eventIds') {
    process.send!({ eventIds: emulator.events().map((event) => event.eventId) });
  }
});
process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
process.send!({ url: emulator.url });
