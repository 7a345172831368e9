// The sender chunk of direct mode: everything that touches the network, loaded lazily; the page's
// critical path (track(): validate, stamp, persist) never imports it or the AWS SDK. Batches go to
// PutEvents signed with the Cognito credentials the pages of the origin share.
// Room rule: src/sender/ imports src/shared/, src/dom/ and the public types, never src/loader/;
// the loader reaches it only through the dynamic import, and both meet in shared/contract.ts
// (e2e/node/layers.test.ts checks this).
import type { Delivery, DeliveryOptions } from '../shared/contract';
import type { DirectConfig } from '../types';
import { createDeliveryWith } from './delivery';
import { createPutEventsTransport } from './put-events-transport';

export type { Delivery, DeliveryOptions } from '../shared/contract';
export { chose } from './consent'; // optOut() and optIn(), also before the sender started

/** Delivers the page's queue to PutEvents. */
export const createDelivery = (options: DeliveryOptions): Delivery => createDeliveryWith(options, (config) => createPutEventsTransport(config as DirectConfig));
