// Relay mode's transport: each batch of up to 100 events is posted, unsigned, to the shop's own
// relay (personalize-tracker/relay, docs/relay.md), which validates it, binds the shopper and calls
// PutEvents (10 events a call) with its own AWS role. No AWS SDK, Cognito, SigV4 or SHA-256 in the
// browser. The relay answers only after PutEvents answered: 200 names the accepted and the refused
// eventIds; an error answer's `code` becomes the error's name, so retry-policy.ts classifies it as
// it does the SDK's errors, and it names what the batch's other PutEvents calls took. Keepalive, as the direct mode: a send on page hide outlives the page.
// Not sendBeacon: its outcome is unknown, so the page could neither drop the events it sent (a
// lost beacon would lose them) nor keep them (each would be sent again); and it cannot send
// `application/json` without a CORS preflight, which the relay needs to refuse cross-site forms.
import type { RelayBatch, RelayErrorBody, RelayResult } from '../shared/relay-wire';
import type { Batch, SendResult, Transport } from '../shared/contract';
import { MAX_RELAY_BATCH } from '../shared/limits';
import { learnServiceClock, serviceTimeOf } from './service-clock';
import type { TrackerConfig } from '../types';

const REQUEST_TIMEOUT_MS = 15_000; // a hung request counts as a network error and is retried

type Answer = Partial<RelayResult & RelayErrorBody>;

/** The events an answer names as taken (`accepted`, `refused`): all of a 200's, those of an error answer whose other PutEvents calls failed. */
const outcome = (answer: Answer | undefined): RelayResult => ({
  accepted: Array.isArray(answer?.accepted) ? answer.accepted : [],
  refused: Array.isArray(answer?.refused) ? answer.refused : [],
});

/** The relay's error answer as the AWS SDK shapes its errors (name, HTTP status, headers), with the events it did take. */
function relayError(response: Response, answer: Answer | undefined): Error {
  const error = new Error(`relay answered ${response.status}: ${answer?.message ?? response.statusText}`);
  error.name = answer?.code ?? `HTTP${response.status}`;
  return Object.assign(error, { $metadata: { httpStatusCode: response.status }, $response: { headers: { 'retry-after': response.headers.get('retry-after') ?? undefined } }, taken: outcome(answer) });
}

/** The body the relay takes: the batch's session, user and events, each sentAt on the service's clock in seconds. */
export function relayBody(batch: Batch): string {
  const body: RelayBatch = {
    sessionId: batch.sessionId,
    ...(batch.userId ? { userId: batch.userId } : {}),
    eventList: batch.records.map((record) => ({ ...record.event, sentAt: serviceTimeOf(record) / 1000 })),
  };
  return JSON.stringify(body);
}

/** Posts batches to `config.relayUrl`. */
export function createRelayTransport(config: TrackerConfig): Transport {
  const url = config.relayUrl;
  // Checked here rather than in init(): the loader's bytes are the page's critical path.
  try {
    if (typeof url !== 'string') throw new TypeError('not a string');
    new URL(url, globalThis.location?.href);
  } catch {
    throw new TypeError(`init(): relayUrl must be a URL, absolute or relative to the page (got ${JSON.stringify(url)?.slice(0, 40)})`);
  }
  return {
    maxBatch: MAX_RELAY_BATCH,
    async send(batch, handedOff): Promise<SendResult> {
      const sent = fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: relayBody(batch),
        keepalive: true,
        credentials: 'same-origin', // the shop's session cookie tells the relay who the shopper is
        signal: AbortSignal.timeout?.(REQUEST_TIMEOUT_MS),
      });
      handedOff?.();
      const response = await sent;
      learnServiceClock({ date: response.headers.get('date') ?? undefined });
      const answer = (await response.json().catch(() => undefined)) as Answer | undefined;
      if (!response.ok) throw relayError(response, answer);
      const { accepted, refused } = outcome(answer);
      const answered = new Set([...accepted, ...refused.map((refusal) => refusal.eventId)]);
      // An event the answer does not name may not have reached PutEvents: the batch is sent again (eventId dedupes the rest).
      if (batch.records.some((record) => !answered.has(record.event.eventId))) throw relayError(new Response(null, { status: 502, statusText: 'an answer that names not every event' }), undefined);
      return { refused };
    },
    warm: () => Promise.resolve(),
    refreshCredentials: () => undefined,
  };
}
