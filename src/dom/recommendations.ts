// Recommendation impressions: Personalize learns from what was shown but not chosen. Items of a
// rendered recommendation list count as seen once at least half of each was in view
// (IntersectionObserver, https://w3c.github.io/IntersectionObserver/); a click on one is tracked
// with the list's recommendationId and the seen items, in display order, as its impression.
import { MAX_IMPRESSIONS } from '../shared/limits';
import type { Tracker, TrackProperties } from '../types';

const SEEN_RATIO = 0.5; // "seen": at least half of the item was in the viewport
export const ITEM_SELECTOR = '[data-personalize-item-id]';

export interface RecommendationOptions {
  /** The recommendation the list shows (from GetRecommendations), 1-40 characters. Required. */
  recommendationId: string;
  /** The event type of a click. Default: `'Click'`. */
  eventType?: string;
  /** Selects the list's items. Default: `'[data-personalize-item-id]'`. */
  itemSelector?: string;
  /** Reads an item's id. Default: its `data-personalize-item-id` attribute. */
  itemIdOf?: (item: Element) => string | null;
}

export interface RecommendationWatch {
  /** Tracks a click on item `itemId` with the recommendationId and the impression (seen items). */
  click(itemId: string, properties?: TrackProperties): void;
  /** The ids of the items seen so far, in display order, at most 25. */
  seen(): string[];
  /** Stops watching the list. */
  disconnect(): void;
}

/** Watches a rendered recommendation list (for SPAs that render their own carousels). */
export function createRecommendationWatch(tracker: Pick<Tracker, 'track'>, list: Element, options: RecommendationOptions): RecommendationWatch {
  const { recommendationId, eventType = 'Click', itemSelector = ITEM_SELECTOR } = options;
  const itemIdOf = options.itemIdOf ?? ((item: Element) => item.getAttribute('data-personalize-item-id'));
  const seenIds = new Set<string>();
  const visibility = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const itemId = entry.intersectionRatio >= SEEN_RATIO && itemIdOf(entry.target);
        if (itemId) seenIds.add(itemId);
      }
    },
    { threshold: SEEN_RATIO },
  );
  const observeItems = () => list.querySelectorAll(itemSelector).forEach((item) => visibility.observe(item));
  const additions = new MutationObserver(observeItems); // items rendered later (lazy carousels)
  observeItems();
  additions.observe(list, { childList: true, subtree: true });

  const inDisplayOrder = (include: (itemId: string) => boolean) => {
    const ids = [...list.querySelectorAll(itemSelector)].map(itemIdOf).filter((id): id is string => !!id && include(id));
    return [...new Set(ids)].slice(0, MAX_IMPRESSIONS);
  };

  return {
    click(itemId, properties) {
      const impression = inDisplayOrder((id) => seenIds.has(id) || id === itemId); // a clicked item was seen
      tracker.track(eventType, { ...properties, itemId, recommendationId, ...(impression.length > 0 ? { impression } : {}) });
    },
    seen: () => inDisplayOrder((id) => seenIds.has(id)),
    disconnect() {
      visibility.disconnect();
      additions.disconnect();
    },
  };
}
