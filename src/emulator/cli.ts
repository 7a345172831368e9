// Command line entry: `npx personalize-tracker-emulator --port 4599 [--log-file events.jsonl] ...`
// (in this repository `npm run emulator -- ...`).
// Prints one line with the URL once listening; closes on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { DEFAULT_CREDENTIAL_TTL_SECONDS } from './credentials.js';
import { checkRateLimits } from './fault-script.js';
import { DEFAULT_PORT, startEmulator } from './server.js';

const USAGE = `Usage: personalize-tracker-emulator [options]
  --port N                 port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --log-file PATH          append every accepted event and action interaction to PATH as one JSON line
  --credential-ttl SECONDS lifetime of issued credentials (default ${DEFAULT_CREDENTIAL_TTL_SECONDS})
  --tracking-id ID         an extra known tracking id (repeatable)
  --identity-pool-id ID    an extra known identity pool id, e.g. eu-west-1:<uuid> (repeatable)
  --rate-limit OP=N        at most N calls per second of OP (GetId, GetCredentialsForIdentity,
                           PutEvents or PutActionInteractions per tracking id), like AWS's
                           quotas (repeatable)
  --help                   show this text`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function integerFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) fail(`--${name} must be an integer from ${min} to ${max} (got '${value}')`);
  return number;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'log-file': { type: 'string' },
        'credential-ttl': { type: 'string' },
        'tracking-id': { type: 'string', multiple: true },
        'identity-pool-id': { type: 'string', multiple: true },
        'rate-limit': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const poolIds = values['identity-pool-id'] ?? [];
  const badPool = poolIds.find((id) => !/^[\w-]+:[0-9a-f-]+$/.test(id) || id.length > 55);
  if (badPool !== undefined) fail(`--identity-pool-id '${badPool}' is not a valid identity pool id (region:uuid)`);
  const rateLimits = Object.fromEntries((values['rate-limit'] ?? []).map((flag) => {
    const [operation = '', limit] = flag.split('=');
    return [operation, integerFlag(limit ?? '', 'rate-limit', 1, Number.MAX_SAFE_INTEGER)];
  }));
  const limitsProblem = checkRateLimits(rateLimits);
  if (limitsProblem) fail(`--rate-limit: ${limitsProblem}`);
  const emulator = await startEmulator({
    port: integerFlag(values.port, 'port', 0, 65535) ?? DEFAULT_PORT,
    logFile: values['log-file'],
    credentialTtlSeconds: integerFlag(values['credential-ttl'], 'credential-ttl', 1, 43200),
    trackingIds: values['tracking-id'] ?? [],
    identityPoolIds: poolIds,
    rateLimits,
  });
  process.stdout.write(`personalize-emulator listening on ${emulator.url}\n`);
  const stop = (): void => {
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`personalize-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
