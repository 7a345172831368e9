// The one event script every contender plays, and the adapter each contender's page exposes as
// window.bench. Shared by the page bundles and the Node runner so both agree on what "event i" is.

/** Index of the event that warms a page up (credentials, lazy chunks) before anything is measured. */
export const WARMUP_INDEX = -1;
export const MEASURED_EVENT_TYPE = 'MovieRating';
export const WARMUP_EVENT_TYPE = 'Warmup';
const RATINGS = 5;

export interface BenchEvent {
  eventType: string;
  itemId: string;
  /** A rating from 1 to 5. */
  eventValue: number;
  /** The one extra property, sent inside Personalize's `properties` JSON by every contender. */
  properties: { surface: string };
}

export function benchEvent(index: number): BenchEvent {
  const n = Math.abs(index);
  return {
    eventType: index === WARMUP_INDEX ? WARMUP_EVENT_TYPE : MEASURED_EVENT_TYPE,
    itemId: `movie${n}`,
    eventValue: 1 + (n % RATINGS),
    properties: { surface: n % 2 === 0 ? 'detail-page' : 'carousel' },
  };
}

/** The AWS settings a bench page is opened with (query parameters of page.html). */
export interface BenchConfig {
  trackingId: string;
  identityPoolId: string;
  region: string;
  /** The emulator's URL, for contenders that accept an endpoint override. */
  endpoint: string;
}

/** What every contender's page bundle defines as window.bench. */
export interface BenchAdapter {
  /** Resolves once track() can be called (library loaded and configured). */
  ready(): Promise<void>;
  /** Records event i of the script. Returns nothing: whatever the library does later is its business. */
  track(index: number): void;
  /** Asks the library to send what it holds; resolves when the library says so (or at once if it cannot say). */
  flush(): Promise<void>;
}

/** Reads the page's query string (written by the runner) into a BenchConfig. */
export function configFromLocation(search: string): BenchConfig {
  const params = new URLSearchParams(search);
  const read = (name: string): string => {
    const value = params.get(name);
    if (!value) throw new Error(`bench page: missing query parameter ${name}`);
    return value;
  };
  return { trackingId: read('tracking-id'), identityPoolId: read('identity-pool-id'), region: read('region'), endpoint: read('endpoint') };
}

export function exposeAdapter(adapter: BenchAdapter): void {
  (window as unknown as { bench: BenchAdapter }).bench = adapter;
}
