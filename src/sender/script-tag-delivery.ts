// The script tag's lazily loaded chunk: the sender, plus declarative tracking (data-personalize-*
// attributes) through the tracker that loaded it, which starts once this chunk has loaded (the
// page is idle or a flush was due). The script tag's data-declarative-root (a CSS selector) and
// data-declarative-events (event types, separated by spaces or commas) narrow it. Unknown data-
// attributes on the tracker's script are named here, off the page's critical path.
import { watchDeclarative } from '../dom/declarative';
import { BOOLEAN_OPTIONS, STRING_OPTIONS } from '../shared/script-attributes';
import type { Delivery, DeliveryOptions, Transport } from '../shared/contract';
import { createDeliveryWith } from './delivery';
import type { TrackerConfig } from '../types';

let declarative: (() => void) | undefined;
let warned = false;

/** Warns once about each data- attribute of the tracker's script that is no option (a typo, or an option with no attribute). */
function warnUnknownAttributes(): void {
  if (warned) return;
  warned = true;
  const script = document.querySelector<HTMLElement>('script[data-tracking-id], script[data-relay-url]');
  for (const key of Object.keys(script?.dataset ?? {})) {
    if (!STRING_OPTIONS.includes(key) && !BOOLEAN_OPTIONS.includes(key)) console.warn(`personalize-tracker: ignored unknown data-${key.replace(/[A-Z]/g, '-$&').toLowerCase()}`);
  }
}

/** Delivers through `createTransport`'s transport and starts declarative tracking. */
export function createScriptTagDelivery(options: DeliveryOptions, createTransport: (config: TrackerConfig) => Transport): Delivery {
  const { declarativeRoot, declarativeEvents } = options.config;
  warnUnknownAttributes();
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
  return createDeliveryWith(options, createTransport);
}
