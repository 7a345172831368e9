// Type-level test, checked by `npm run typecheck` (tsc): each @ts-expect-error must meet a compile
// error, or tsc fails with "Unused '@ts-expect-error' directive". Nothing here runs.
import { createTracker, track } from 'personalize-tracker';

interface ShopEvents {
  MovieRating: { itemId: string; eventValue: number };
  AddToCart: { itemId: string; eventValue?: number; price?: number };
  PageView: { path?: string };
}

export function typedTrackerChecks(): void {
  const shop = createTracker<ShopEvents>();

  shop.track('MovieRating', { itemId: 'movie3', eventValue: 4 });
  shop.track('AddToCart', { itemId: 'sku-1', price: 19.99 });
  shop.track('PageView'); // every property optional: the properties may be left out

  // @ts-expect-error an event type the catalogue does not declare
  shop.track('Checkout', { itemId: 'sku-1' });
  // @ts-expect-error eventValue declared as a number
  shop.track('MovieRating', { itemId: 'movie3', eventValue: 'four' });
  // @ts-expect-error itemId is required for MovieRating
  shop.track('MovieRating', { eventValue: 4 });
  // @ts-expect-error MovieRating has required properties
  shop.track('MovieRating');

  // The untyped default tracker accepts any event type.
  track('AnythingGoes', { itemId: 'x', colour: 'red' });
}

// Catalogues built from named interfaces, which have no implicit index signature.
interface RatingProperties {
  itemId: string;
  eventValue: number;
}
interface SearchProperties {
  query: string;
}
interface NamedEvents {
  Rating: RatingProperties;
  Search: SearchProperties;
}
interface WrongItemId {
  itemId: number;
}

export function namedInterfaceChecks(): void {
  const shop = createTracker<NamedEvents>();
  shop.track('Rating', { itemId: 'movie3', eventValue: 4 });
  shop.track('Search', { query: 'heat' });
  // @ts-expect-error an event type the catalogue does not declare
  shop.track('Checkout', {});
  // @ts-expect-error query is required for Search
  shop.track('Search', {});
  // @ts-expect-error itemId must be a string, as PutEvents takes it
  createTracker<{ Rating: WrongItemId }>();
}
