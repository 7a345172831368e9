// The script tag's lazily loaded chunk: the sender, plus declarative tracking (data-personalize-*
// attributes) for the page's `window.personalize`, which starts once this chunk has loaded (the
// page is idle or a flush was due).
import { watchDeclarative } from '../dom/declarative';
import { createDelivery as createSenderDelivery, type Delivery, type DeliveryOptions } from './sender';
import type { Tracker } from '../types';

let declarative: (() => void) | undefined;

export function createDelivery(options: DeliveryOptions): Delivery {
  const track: Tracker['track'] = (eventType, properties) => (window as unknown as { personalize: Tracker }).personalize.track(eventType, properties);
  declarative ??= watchDeclarative({ track });
  return createSenderDelivery(options);
}
