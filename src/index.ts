// The npm entry: it only re-exports. Critical path: src/loader/ (validate, stamp, persist). Loaded
// lazily: src/sender/ (network, signing, the AWS SDK, retries, page lifecycle). DOM features:
// src/dom/. What both chunks share: src/shared/.
export { createTracker, flush, identify, init, optIn, optOut, reset, track } from './loader/default-tracker';
export { watchDeclarative, watchRecommendations } from './dom/watch';
export type { RecommendationOptions, RecommendationWatch } from './dom/recommendations';
export type { DeclarativeOptions } from './dom/declarative';
export { CONSENT_STORAGE_KEY, QUEUE_DATABASE, QUEUE_STORE, SESSION_STORAGE_KEY } from './shared/storage-names';
export type * from './types';
