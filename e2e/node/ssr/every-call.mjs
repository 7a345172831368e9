// Server-side: imports the package and makes every public call, as server-rendered code would.
// With DEFINE_NAVIGATOR it first defines the `navigator` global that Node 21+ has. Prints the outcome as JSON.
if (process.env.DEFINE_NAVIGATOR) {
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Node.js/22', language: 'en-US', hardwareConcurrency: 2 }, configurable: true });
}
const tracker = await import('personalize-tracker');
const config = { trackingId: 'tracking-id', identityPoolId: 'us-east-1:0a1b2c3d-0000-4000-8000-00000000cafe', region: 'us-east-1' };

tracker.init(config);
tracker.track('View', { itemId: 'sku-1' });
tracker.identify('user-1');
tracker.reset();
tracker.optOut();
tracker.optIn();
const flushed = await tracker.flush();
const own = tracker.createTracker(config);
own.track('View', { itemId: 'sku-2' });
const ownFlushed = await own.flush();
const watch = tracker.watchRecommendations({}, { recommendationId: 'rec-1' });
watch.click('sku-3');
const seen = watch.seen();
watch.disconnect();
tracker.watchDeclarative()();

let invalidInput = 'accepted';
try {
  tracker.track('', {});
} catch (error) {
  invalidInput = error.constructor.name;
}
console.log(JSON.stringify({ flushed, ownFlushed, seen, invalidInput }));
