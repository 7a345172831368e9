// A rollup plugin for the npm entry: the dynamic import of the sender's entry module becomes an
// import of the pre-built sender file beside the entry.
import { existsSync } from 'node:fs';
import type { Plugin } from 'rollup';

/**
 * The npm entry imports the pre-built sender beside it (`import('./sender.js')`) instead of the
 * sender's sources: a user's bundler then sees one self-contained lazy chunk with the SDK trimmed,
 * as the script tag's, rather than the SDK's hundreds of modules split its own way. The redirect
 * keys on the resolved path of the sender's entry, whoever imports it, and a missing entry fails
 * the build, so a rename cannot silently bundle the SDK into the entry (e2e/node/package-contents.test.ts).
 */
export function prebuiltSender(senderEntry: string, prebuiltFile: string): Plugin {
  if (!existsSync(senderEntry)) throw new Error(`prebuilt-sender: the sender entry ${senderEntry} does not exist`);
  return {
    name: 'prebuilt-sender',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === senderEntry ? { id: prebuiltFile, external: true } : null;
    },
  };
}
