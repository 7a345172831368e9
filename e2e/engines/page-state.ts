// What a tab's tracker holds, printed when a scenario fails: where the page is, what waits in its
// IndexedDB queue and localStorage, and whether its sender chunk was fetched.
import type { Tab } from './driver';

const DESCRIBE_TIMEOUT_MS = 3_000;

/** One line about the tab, or why it could not be read. */
export async function describeTab(tab: Tab): Promise<string> {
  const state = tab.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const sender = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('sender'))
          .map((entry) => `${Math.round(entry.startTime)}–${Math.round((entry as PerformanceResourceTiming).responseEnd)} ms`);
        const storage = Object.keys(localStorage).filter((key) => key.startsWith('personalize-tracker'));
        const finish = (queued: string) =>
          resolve(`${location.pathname}${location.search.slice(-20)}: queued ${queued}, localStorage [${storage.join(', ')}], sender fetched [${sender.join(', ') || 'never'}]`);
        const open = indexedDB.open('personalize-tracker');
        open.onerror = () => finish('unreadable');
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('events')) return finish('0');
          const count = database.transaction('events').objectStore('events').count();
          count.onsuccess = () => finish(String(count.result));
          count.onerror = () => finish('unreadable');
        };
      }),
  );
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), DESCRIBE_TIMEOUT_MS).unref());
  return Promise.race([state, timeout]).catch((error: unknown) => `unreadable (${String(error).split('\n')[0]})`);
}
