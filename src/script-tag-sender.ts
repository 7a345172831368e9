// The script tag's lazily loaded chunk in direct mode: the sender (PutEvents signed with Cognito) plus declarative tracking.
export { createDelivery } from './sender/script-tag-direct';
export { chose } from './sender/consent';
