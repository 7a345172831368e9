// A rollup plugin for the sender chunks: what a browser PutEvents sender never runs stays out.
import type { Plugin } from 'rollup';

/**
 * Leaves out of the sender what this browser PutEvents sender never runs, each replaced by a stub
 * that fails loudly if it is ever reached:
 * - the SDK's event-stream codec: PutEvents has no streaming members (the SDK imports it lazily);
 * - the `bowser` user-agent parser: the browser user agent comes from navigator without it;
 * - the "adaptive" retry mode and its rate limiter: the tracker sends with maxAttempts 1 and retries itself;
 * - the WebCrypto SHA-256: the client signs with the SDK's pure-JS one (put-events-transport.ts says why),
 *   which the WebCrypto class falls back to anyway, so it becomes an alias of that.
 */
const LEFT_OUT_IMPORTS = ['@smithy/core/event-streams', 'bowser'];
const LEFT_OUT_FILES = [/util-retry\/AdaptiveRetryStrategy\.js$/];
const ALIASED_FILES: [RegExp, string][] = [[/checksum\/sha256\/Sha256WebCrypto\.js$/, `export { Sha256Js as Sha256WebCrypto } from './Sha256Js.js';`]];
export function leaveOutOfSender(): Plugin {
  const stub = (what: string) => `const fail = () => { throw new Error(${JSON.stringify(`personalize-tracker: ${what} was left out of the sender`)}); };
export class EventStreamSerde { constructor() { fail(); } }
export class AdaptiveRetryStrategy { constructor() { fail(); } }
export const eventStreamSerdeProvider = fail;
export default { parse: fail };`;
  return {
    name: 'leave-out-of-sender',
    resolveId: (source) => (LEFT_OUT_IMPORTS.includes(source) ? `\0left-out:${source}` : null),
    load(id) {
      if (id.startsWith('\0left-out:')) return stub(id.slice(10));
      const alias = ALIASED_FILES.find(([pattern]) => pattern.test(id));
      if (alias) return alias[1];
      const file = LEFT_OUT_FILES.find((pattern) => pattern.test(id));
      return file ? stub(id.slice(id.lastIndexOf('/') + 1)) : null;
    },
  };
}
