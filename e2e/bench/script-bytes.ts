// JavaScript bytes as the network delivered them: every response of type script, gzipped at level 9
// (what a CDN typically serves), whatever the file is called or however it was loaded.
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

export const GZIP_LEVEL = 9;

export interface ScriptFetch {
  url: string;
  gzipBytes: number;
}

export interface ScriptLog {
  /** All script responses so far (bodies are read as they arrive). */
  fetches(): Promise<ScriptFetch[]>;
}

export function recordScripts(page: Page): ScriptLog {
  const pending: Promise<ScriptFetch | undefined>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then(
        (body) => ({ url: response.url(), gzipBytes: gzipSync(body, { level: GZIP_LEVEL }).length }),
        () => undefined, // body gone (page closed): not a script the page could have run
      ),
    );
  });
  return {
    fetches: async () => (await Promise.all(pending)).filter((fetch): fetch is ScriptFetch => fetch !== undefined),
  };
}

export interface ScriptBytes {
  /** Gzip bytes of the scripts fully fetched before the first track() call. */
  criticalGzipBytes: number;
  /** Gzip bytes of every script the page fetched. */
  totalGzipBytes: number;
  scripts: { url: string; gzipBytes: number; critical: boolean }[];
}

/** `fetchedBeforeFirstTrack` are the resource-timing URLs the page had finished loading at its first track(). */
export function splitScriptBytes(fetches: ScriptFetch[], fetchedBeforeFirstTrack: string[], siteUrl: string): ScriptBytes {
  const early = new Set(fetchedBeforeFirstTrack);
  const scripts = fetches.map((fetch) => ({
    url: fetch.url.startsWith(siteUrl) ? fetch.url.slice(siteUrl.length) : fetch.url,
    gzipBytes: fetch.gzipBytes,
    critical: early.has(fetch.url),
  }));
  const sum = (list: typeof scripts) => list.reduce((total, file) => total + file.gzipBytes, 0);
  return { criticalGzipBytes: sum(scripts.filter((script) => script.critical)), totalGzipBytes: sum(scripts), scripts };
}
