// The script tag's lazily loaded chunk in relay mode (`personalize-tracker-relay.js`): no AWS SDK.
export { createDelivery } from './sender/script-tag-relay';
export { chose } from './sender/consent';
