// Declarative tracking for script-tag users: one delegated click listener on the document (so it
// also covers elements added later) tracks `data-personalize-event` elements, and clicks on items
// of `data-personalize-recommendation-id` lists with their impressions. Attributes go through the
// same validation as track(); an invalid one is reported on the console and nothing is sent.
import { ITEM_SELECTOR, watchRecommendations, type RecommendationWatch } from './recommendations';
import type { Tracker, TrackProperties } from '../types';

const EVENT_SELECTOR = '[data-personalize-event]';
const LIST_ATTRIBUTE = 'data-personalize-recommendation-id';
const LIST_EVENT_ATTRIBUTE = 'data-personalize-click-event';
const LIST_SELECTOR = `[${LIST_ATTRIBUTE}]`;

/** The properties an element declares through its data-personalize-* attributes. */
export function declaredProperties(element: Element): TrackProperties {
  const { personalizeItemId: itemId, personalizeEventValue: eventValue, personalizeProperties: json } = (element as HTMLElement).dataset;
  let extra: TrackProperties = {};
  if (json) {
    try {
      extra = JSON.parse(json);
    } catch {
      throw new TypeError(`data-personalize-properties must be a JSON object (got ${json})`);
    }
  }
  return { ...extra, ...(itemId !== undefined ? { itemId } : {}), ...(eventValue !== undefined ? { eventValue } : {}) };
}

/** Starts declarative tracking on the document for `tracker`; returns a function that stops it. */
export function watchDeclarative(tracker: Pick<Tracker, 'track'>, root: Document = document): () => void {
  const lists = new Map<Element, RecommendationWatch>();
  const forget = (list: Element) => {
    lists.get(list)?.disconnect();
    lists.delete(list);
  };
  const watchLists = () => {
    root.querySelectorAll(LIST_SELECTOR).forEach((list) => {
      const recommendationId = list.getAttribute(LIST_ATTRIBUTE) ?? '';
      const eventType = list.getAttribute(LIST_EVENT_ATTRIBUTE) ?? undefined;
      if (!lists.has(list)) lists.set(list, watchRecommendations(tracker, list, { recommendationId, eventType }));
    });
    for (const list of lists.keys()) if (!list.isConnected) forget(list);
  };
  const onClick = (event: Event) => {
    const target = event.target instanceof Element ? event.target : null;
    const declared = target?.closest(EVENT_SELECTOR);
    const item = target?.closest(ITEM_SELECTOR);
    const list = item?.closest(LIST_SELECTOR);
    try {
      if (declared) tracker.track(declared.getAttribute('data-personalize-event') ?? '', declaredProperties(declared));
      else if (item && list) lists.get(list)?.click(item.getAttribute('data-personalize-item-id') ?? '', declaredProperties(item));
    } catch (error) {
      console.error('personalize-tracker: declarative tracking of', declared ?? item, 'failed:', error);
    }
  };
  // Rescan only when a recommendation list may have come, gone or changed, not on every render of
  // the page. A list whose attributes change (an SPA reusing its container for new recommendations)
  // starts over: new recommendationId, nothing seen yet.
  const touchesLists = (node: Node) => node instanceof Element && (node.matches(LIST_SELECTOR) || node.querySelector(LIST_SELECTOR) !== null);
  const changes = new MutationObserver((mutations) => {
    let changed = false;
    for (const mutation of mutations) {
      if (mutation.type === 'attributes') forget(mutation.target as Element); // the rescan watches it again, if still a list
      changed ||= mutation.type === 'attributes' || [...mutation.addedNodes].some(touchesLists) || [...mutation.removedNodes].some(touchesLists);
    }
    if (changed) watchLists();
  });
  watchLists();
  changes.observe(root.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [LIST_ATTRIBUTE, LIST_EVENT_ATTRIBUTE] });
  root.addEventListener('click', onClick, true); // capture: still seen when the page stops propagation
  return () => {
    root.removeEventListener('click', onClick, true);
    changes.disconnect();
    lists.forEach((watch) => watch.disconnect());
  };
}
