// The script tag's chunk in relay mode: batches to the shop's relay, plus declarative tracking.
import type { Delivery, DeliveryOptions } from '../shared/contract';
import { createRelayTransport } from './relay-transport';
import { createScriptTagDelivery } from './script-tag-delivery';

/** Delivers the page's queue to the shop's relay and starts declarative tracking. */
export const createDelivery = (options: DeliveryOptions): Delivery => createScriptTagDelivery(options, createRelayTransport);
