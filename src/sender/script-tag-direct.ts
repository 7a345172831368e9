// The script tag's chunk in direct mode: PutEvents signed with Cognito credentials, plus declarative tracking.
import type { Delivery, DeliveryOptions } from '../shared/contract';
import type { DirectConfig } from '../types';
import { createPutEventsTransport } from './put-events-transport';
import { createScriptTagDelivery } from './script-tag-delivery';

/** Delivers the page's queue to PutEvents and starts declarative tracking. */
export const createDelivery = (options: DeliveryOptions): Delivery => createScriptTagDelivery(options, (config) => createPutEventsTransport(config as DirectConfig));
