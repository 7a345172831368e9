// Type-level test: every public type and value resolves by name from the package, and none of them
// is `any` (each @ts-expect-error below would go unused if it were). Compiled by `npm run typecheck`
// against src/, and by e2e/node/types.test.ts against the packed package under each moduleResolution.
import {
  CONSENT_STORAGE_KEY,
  QUEUE_DATABASE,
  QUEUE_STORE,
  SESSION_STORAGE_KEY,
  createTracker,
  flush,
  identify,
  init,
  optIn,
  optOut,
  reset,
  track,
  watchDeclarative,
  watchRecommendations,
  type AnyEvents,
  type EventCatalog,
  type EventFields,
  type FlushResult,
  type QueuedEvent,
  type RecommendationOptions,
  type RecommendationWatch,
  type TrackArguments,
  type TrackFields,
  type Tracker,
  type TrackerConfig,
  type TrackerError,
  type TrackerErrorCode,
  type TrackProperties,
} from 'personalize-tracker';

export async function publicTypeChecks(config: TrackerConfig, list: Element): Promise<void> {
  init(config);
  identify('user-1');
  reset();
  optOut();
  optIn();
  const result: FlushResult = await flush();
  // @ts-expect-error delivered is a number
  const delivered: string = result.delivered;
  const onError = (error: TrackerError) => {
    const code: TrackerErrorCode = error.code;
    const event: QueuedEvent | undefined = error.event;
    const fields: EventFields | undefined = event?.event;
    // @ts-expect-error not a TrackerErrorCode
    const unknown: TrackerErrorCode = 'no-such-code';
    return [code, fields, unknown];
  };
  init({ ...config, onError });
  // @ts-expect-error region is required
  init({ trackingId: 't', identityPoolId: 'p' });

  const properties: TrackProperties = { itemId: 'sku-1', colour: 'red' };
  const fields: TrackFields = { itemId: 'sku-1' };
  // @ts-expect-error itemId is a string
  const badFields: TrackFields = { itemId: 1 };
  track('View', properties);
  const untyped: Tracker<AnyEvents> = createTracker();
  const optional: TrackArguments<{ path?: string }> = [];
  const catalogue: EventCatalog<{ View: { itemId: string } }> = { View: { itemId: 'sku-1' } };

  const options: RecommendationOptions = { recommendationId: 'rec-1' };
  const watch: RecommendationWatch = watchRecommendations(list, options);
  // @ts-expect-error seen() returns item ids
  const seen: number[] = watch.seen();
  const stop: () => void = watchDeclarative();
  const keys: string[] = [CONSENT_STORAGE_KEY, QUEUE_DATABASE, QUEUE_STORE, SESSION_STORAGE_KEY];
  void [delivered, fields, badFields, untyped, optional, catalogue, seen, stop, keys];
}
