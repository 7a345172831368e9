// The script tag's lazily loaded chunk: the sender plus declarative tracking.
export { createDelivery } from './sender/script-tag-delivery';
export { chose } from './sender/consent';
