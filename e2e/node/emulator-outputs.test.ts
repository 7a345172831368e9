// The emulator's outputs besides the JSON logs: the SSE stream, the --log-file JSON lines, and the
// command line (URL line on stdout, flags, clean exit on SIGTERM).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { DEMO_TRACKING_ID, control, eventsClient, validInput } from './emulator-helpers';

const CLI = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));
/** The project root, where `--import tsx` resolves. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A test that waits on a stream or a child fails after this instead of hanging the suite. */
const TIMEOUT = { timeout: 10_000 };
const children: ChildProcess[] = [];

let directory: string;
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'personalize-emulator-'));
});
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
});

/** Reads an SSE body chunk by chunk until `done` says the text so far is enough. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, state: { text: string }, done: (text: string) => boolean): Promise<void> {
  const decoder = new TextDecoder();
  while (!done(state.text)) {
    const { value, done: ended } = await reader.read();
    if (ended) throw new Error(`stream ended early after ${JSON.stringify(state.text)}`);
    state.text += decoder.decode(value, { stream: true });
  }
}

describe('live outputs', () => {
  let emulator: Emulator;
  let logFile: string;

  before(async () => {
    logFile = join(directory, 'events.jsonl');
    await writeFile(logFile, '{"earlier":"line"}\n');
    emulator = await startEmulator({ port: 0, logFile });
  });
  after(() => emulator.close());

  test('the SSE stream announces itself, then sends each accepted event as it is accepted', TIMEOUT, async () => {
    const abort = new AbortController();
    const response = await fetch(`${emulator.url}/__emulator/stream`, { signal: abort.signal, headers: { origin: 'http://localhost:8080' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:8080');
    const reader = response.body!.getReader();
    const state = { text: '' };
    await readUntil(reader, state, (text) => text.includes(': connected\n\n'));
    assert.equal(state.text, ': connected\n\n');

    const eventList = [
      { eventType: 'view', sentAt: new Date(1719511760000), eventId: 'sse-1', itemId: 'movie1' },
      { eventType: 'view', sentAt: new Date(1719511761000), eventId: 'sse-2' },
    ];
    await eventsClient(emulator.url).send(new PutEventsCommand(validInput({ eventList })));
    await readUntil(reader, state, (text) => (text.match(/^data: /gm) ?? []).length >= 2 && text.endsWith('\n\n'));
    const records = state.text.split('\n\n').filter((block) => block.startsWith('data: ')).map((block) => JSON.parse(block.slice(6)) as Record<string, unknown>);
    assert.deepEqual(records.map((record) => [record.eventId, record.sentAt, record.trackingId]), [
      ['sse-1', 1719511760, DEMO_TRACKING_ID], ['sse-2', 1719511761, DEMO_TRACKING_ID],
    ]);
    abort.abort();
    await reader.cancel().catch(() => undefined);
  });

  test('--log-file appends each accepted event as one JSON line, keeping earlier lines', TIMEOUT, async () => {
    await eventsClient(emulator.url).send(new PutEventsCommand(validInput({ eventList: [{ eventType: 'buy', sentAt: new Date(), eventId: 'file-1' }] })));
    const lines = (await readFile(logFile, 'utf8')).trimEnd().split('\n');
    assert.equal(lines[0], '{"earlier":"line"}');
    const records = lines.slice(1).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(records.map((record) => record.eventId), ['sse-1', 'sse-2', 'file-1']);
    const { events } = await control<{ events: unknown[] }>(emulator.url, 'events');
    assert.deepEqual(records, events);
  });

  test('close() ends open SSE streams and resolves', TIMEOUT, async () => {
    const other = await startEmulator({ port: 0 });
    const response = await fetch(`${other.url}/__emulator/stream`);
    const reader = response.body!.getReader();
    await readUntil(reader, { text: '' }, (text) => text.includes(': connected'));
    await other.close();
    const rest = await reader.read().catch(() => ({ done: true }));
    assert.equal(rest.done, true);
    await assert.rejects(fetch(`${other.url}/__emulator/health`), TypeError);
  });
});

describe('command line', () => {
  test('prints exactly the URL line, honours the flags and exits cleanly on SIGTERM', TIMEOUT, async () => {
    const logFile = join(directory, 'cli.jsonl');
    const child = spawn(process.execPath, [
      '--import', 'tsx', CLI, '--port', '0', '--log-file', logFile,
      '--tracking-id', 'cli-tracking-id', '--credential-ttl', '120',
    ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const first = await lines.next();
      const match = /^personalize-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(String(first.value));
      assert.ok(match, `unexpected first line ${JSON.stringify(first.value)}`);
      const url = match[1]!;
      assert.notEqual(match[2], '4599', 'port 0 picks a free port');
      assert.deepEqual(await control(url, 'health'), { ok: true });

      const client = eventsClient(url);
      const output = await client.send(new PutEventsCommand(validInput({ trackingId: 'cli-tracking-id' })));
      assert.equal(output.$metadata.httpStatusCode, 200);
      const credentials = await client.config.credentials();
      const remaining = credentials.expiration!.getTime() - Date.now();
      assert.ok(remaining > 100_000 && remaining <= 120_000, `--credential-ttl 120 gave ${remaining} ms`);
      const logged = JSON.parse((await readFile(logFile, 'utf8')).trim()) as Record<string, unknown>;
      assert.equal(logged.trackingId, 'cli-tracking-id');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });

  test('a bad flag is refused with exit code 2 and usage on stderr', TIMEOUT, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', 'abc'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    assert.equal(code, 2);
    assert.match(stderr, /--port must be an integer/);
    assert.match(stderr, /Usage:/);
  });
});
