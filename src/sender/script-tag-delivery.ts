// The script tag's lazily loaded chunk: the sender, plus declarative tracking (data-personalize-*
// attributes) through the tracker that loaded it, which starts once this chunk has loaded (the
// page is idle or a flush was due). The script tag's data-declarative-root (a CSS selector) and
// data-declarative-events (event types, separated by spaces or commas) narrow it.
import { watchDeclarative } from '../dom/declarative';
import { createDelivery as createSenderDelivery, type Delivery, type DeliveryOptions } from './sender';

let declarative: (() => void) | undefined;

export function createDelivery(options: DeliveryOptions): Delivery {
  const { declarativeRoot, declarativeEvents } = options.config;
  const start = () => {
    let root: Element | Document | null = document;
    try {
      if (declarativeRoot) root = document.querySelector(declarativeRoot);
    } catch {
      root = null; // not a selector
    }
    if (!root) console.error(`personalize-tracker: data-declarative-root "${declarativeRoot}" matches no element; declarative tracking is off`);
    else declarative ??= watchDeclarative(options.tracker, { root, eventTypes: declarativeEvents?.split(/[\s,]+/).filter(Boolean) });
  };
  // The root is looked up once the document is parsed (an early flush can load this chunk sooner).
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  return createSenderDelivery(options);
}
