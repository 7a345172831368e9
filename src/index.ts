// The npm entry. Critical path: src/loader/ (validate, stamp, persist). Loaded lazily: src/sender/
// (network, signing, the AWS SDK, retries, page lifecycle). DOM features: src/dom/.
export { createTracker, flush, identify, init, optIn, optOut, reset, track } from './loader/default-tracker';
export { watchDeclarative, watchRecommendations } from './dom/watch';
export type { RecommendationOptions, RecommendationWatch } from './dom/recommendations';
export type { DeclarativeOptions } from './dom/declarative';
export { SESSION_STORAGE_KEY } from './loader/session';
export { QUEUE_DATABASE, QUEUE_STORE } from './loader/queue';
export { CONSENT_STORAGE_KEY } from './loader/consent';
export type * from './types';
