// Declarative tracking for script-tag users: one delegated click listener on the document (so it
// also covers elements added later) tracks `data-personalize-event` elements, and clicks on items
// of `data-personalize-recommendation-id` lists with their impressions. Attributes go through the
// same validation as track(); an invalid one is reported on the console and nothing is sent.
// Markup the site did not write (a user review, an ad) can carry these attributes too: the
// properties attribute can set no top-level field, and `root` and `eventTypes` narrow what is
// tracked (sites should also strip data-personalize-* from user content).
import { MAX_PROPERTIES_LENGTH, TOP_LEVEL_KEYS } from '../shared/limits';
import { ITEM_SELECTOR, createRecommendationWatch, type RecommendationWatch } from './recommendations';
import type { Tracker, TrackProperties } from '../types';

/** Most characters of data-personalize-properties parsed (room for whitespace and escapes); longer is refused unparsed. */
const MAX_DECLARED_PROPERTIES_LENGTH = 4 * MAX_PROPERTIES_LENGTH;

export interface DeclarativeOptions {
  /** Only elements inside it are tracked. Default: the whole document. */
  root?: Element | Document;
  /** Only these event types are tracked (data-personalize-event, data-personalize-click-event, `Click`). Default: any. */
  eventTypes?: string[];
}

const EVENT_SELECTOR = '[data-personalize-event]';
const LIST_ATTRIBUTE = 'data-personalize-recommendation-id';
const LIST_EVENT_ATTRIBUTE = 'data-personalize-click-event';
const LIST_SELECTOR = `[${LIST_ATTRIBUTE}]`;

/** The properties an element declares through its data-personalize-* attributes. */
export function declaredProperties(element: Element): TrackProperties {
  const { personalizeItemId: itemId, personalizeEventValue: eventValue, personalizeProperties: json } = (element as HTMLElement).dataset;
  let extra: TrackProperties = {};
  if (json) {
    let parsed: unknown;
    try {
      if (json.length <= MAX_DECLARED_PROPERTIES_LENGTH) parsed = JSON.parse(json);
    } catch {
      // refused below
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new TypeError(`data-personalize-properties must be a JSON object of at most ${MAX_DECLARED_PROPERTIES_LENGTH} characters (got ${json.slice(0, 40)}${json.length > 40 ? '…' : ''})`);
    }
    extra = parsed as TrackProperties;
    const field = Object.keys(extra).find((key) => TOP_LEVEL_KEYS.includes(key));
    if (field) throw new TypeError(`data-personalize-properties may not set ${field}: only properties (itemId and eventValue have their own attributes)`);
  }
  return { ...extra, ...(itemId !== undefined ? { itemId } : {}), ...(eventValue !== undefined ? { eventValue } : {}) };
}

/** Starts declarative tracking for `tracker`, by default on the whole document for any event type; returns a function that stops it. */
export function watchDeclarative(tracker: Pick<Tracker, 'track'>, { root = document, eventTypes }: DeclarativeOptions = {}): () => void {
  const allowed = (eventType: string) => {
    if (eventTypes && !eventTypes.includes(eventType)) throw new TypeError(`event type "${eventType}" is not in the declarative eventTypes allow-list`);
    return eventType;
  };
  const inside = (element: Element | null | undefined) => (element && root.contains(element) ? element : undefined);
  const lists = new Map<Element, RecommendationWatch>();
  const forget = (list: Element) => {
    lists.get(list)?.disconnect();
    lists.delete(list);
  };
  const watchLists = () => {
    root.querySelectorAll(LIST_SELECTOR).forEach((list) => {
      const recommendationId = list.getAttribute(LIST_ATTRIBUTE) ?? '';
      const eventType = list.getAttribute(LIST_EVENT_ATTRIBUTE) ?? undefined; // the allow-list is checked at each click
      if (!lists.has(list)) lists.set(list, createRecommendationWatch(tracker, list, { recommendationId, eventType }));
    });
    for (const list of lists.keys()) if (!list.isConnected) forget(list);
  };
  const onClick = (event: Event) => {
    const target = event.target instanceof Element ? event.target : null;
    const declared = inside(target?.closest(EVENT_SELECTOR));
    const item = inside(target?.closest(ITEM_SELECTOR));
    const list = inside(item?.closest(LIST_SELECTOR));
    try {
      if (declared) tracker.track(allowed(declared.getAttribute('data-personalize-event') ?? ''), declaredProperties(declared));
      else if (item && list && lists.has(list)) {
        allowed(list.getAttribute(LIST_EVENT_ATTRIBUTE) ?? 'Click');
        lists.get(list)!.click(item.getAttribute('data-personalize-item-id') ?? '', declaredProperties(item));
      }
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
  changes.observe(root instanceof Document ? root.documentElement : root, { childList: true, subtree: true, attributes: true, attributeFilter: [LIST_ATTRIBUTE, LIST_EVENT_ATTRIBUTE] });
  root.addEventListener('click', onClick, true); // capture: still seen when the page stops propagation
  return () => {
    root.removeEventListener('click', onClick, true);
    changes.disconnect();
    lists.forEach((watch) => watch.disconnect());
  };
}
