// The sender chunk of relay mode: the same delivery as direct mode's (delivery.ts), posting to the
// shop's relay instead of signing PutEvents, so it holds no AWS SDK, Cognito, SigV4 or SHA-256.
// Room rule: as sender.ts.
import type { Delivery, DeliveryOptions } from '../shared/contract';
import { createDeliveryWith } from './delivery';
import { createRelayTransport } from './relay-transport';

export type { Delivery, DeliveryOptions } from '../shared/contract';
export { chose } from './consent'; // optOut() and optIn(), also before the sender started

/** Delivers the page's queue to the shop's relay. */
export const createDelivery = (options: DeliveryOptions): Delivery => createDeliveryWith(options, createRelayTransport);
