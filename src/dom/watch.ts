// The npm entry's DOM features, bound to the package's default tracker unless given another.
// Outside a browser (server-side rendering) they watch nothing.
// Room rule: src/dom/ sits above the loader (it tracks through a Tracker) and below the script
// tag's sender chunk, which starts declarative tracking; it imports src/shared/ and src/loader/.
import { defaultTracker } from '../loader/default-tracker';
import { inBrowser } from '../loader/in-browser';
import type { Tracker } from '../types';
import { watchDeclarative as watchDeclarativeOn, type DeclarativeOptions } from './declarative';
import { createRecommendationWatch, type RecommendationOptions, type RecommendationWatch } from './recommendations';

/**
 * Watches a rendered recommendation list: items at least half in view count as seen, and
 * `click(itemId)` tracks the click with the recommendationId and the seen items as impression.
 * Default tracker: the package's default one.
 */
export function watchRecommendations(list: Element, options: RecommendationOptions, tracker: Pick<Tracker, 'track'> = defaultTracker()): RecommendationWatch {
  if (!inBrowser()) return { click: () => undefined, seen: () => [], disconnect: () => undefined };
  return createRecommendationWatch(tracker, list, options);
}

/**
 * Starts declarative tracking (data-personalize-* attributes); returns a function that stops it.
 * Default tracker: the package's default one; default options: the whole document, any event type.
 * Outside a browser it watches nothing.
 */
export function watchDeclarative(tracker: Pick<Tracker, 'track'> = defaultTracker(), options?: DeclarativeOptions): () => void {
  if (!inBrowser()) return () => undefined;
  return watchDeclarativeOn(tracker, options);
}
