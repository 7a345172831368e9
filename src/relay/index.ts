// personalize-tracker/relay: the server side of relay mode. The browser posts unsigned batches to
// the shop's own origin; the relay validates them with the browser's own validator, binds the
// shopper from the server's session, and calls PutEvents with the server's IAM role. It only
// re-exports; docs/relay.md is the guide.
export { createRelay, DEFAULT_MAX_BODY_BYTES } from './create-relay';
export { nodeRequestOf, toNodeListener } from './node-listener';
export { lambdaEventOf, toLambdaHandler } from './lambda-handler';
export type * from './types';
