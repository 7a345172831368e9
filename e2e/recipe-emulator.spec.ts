// The README recipe "Test your own shop's tracking", byte for byte (checked by
// e2e/node/emulator-package.test.ts): start the emulator from a test, open a page, assert its events.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startEmulator, DEMO_IDENTITY_POOL_ID, DEMO_REGION, DEMO_TRACKING_ID, type Emulator } from 'personalize-tracker/emulator';

let emulator: Emulator;
let shop: Server;
test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 }); // 127.0.0.1, a free port
  shop = await startShop();
});
test.afterAll(async () => {
  shop.close();
  await emulator.close();
});
test.beforeEach(() => emulator.reset());

// A stand-in for your shop, served by the test itself on loopback. In your suite, page.goto() your
// dev server instead, with the tracker's `endpoint` and `cognitoEndpoint` set to emulator.url.
const dist = join(dirname(createRequire(import.meta.url).resolve('personalize-tracker/package.json')), 'dist');
const productPage = () => `<!doctype html>
<script>!function(w,n){var p=w[n]=w[n]||{q:[]};"init track identify reset flush optOut optIn".split(" ").forEach(function(m){p[m]=p[m]||function(){p.q.push([m,[].slice.call(arguments)])}})}(window,"personalize")</script>
<script async src="/personalize-tracker.js" data-tracking-id="${DEMO_TRACKING_ID}"
  data-identity-pool-id="${DEMO_IDENTITY_POOL_ID}" data-region="${DEMO_REGION}"
  data-endpoint="${emulator.url}" data-cognito-endpoint="${emulator.url}"></script>
<script>personalize.track('ProductView', { itemId: 'sku-1' });</script>
<button onclick="personalize.track('AddToCart', { itemId: 'sku-1', eventValue: 2 })">Add to cart</button>`;

const TRACKER_FILES = ['/personalize-tracker.js', '/personalize-tracker-sender.js'];
async function startShop(): Promise<Server> {
  const server = createServer((req, res) => {
    if (TRACKER_FILES.includes(req.url!)) res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dist, req.url!)));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(productPage());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const shopUrl = (path: string) => `http://127.0.0.1:${(shop.address() as AddressInfo).port}${path}`;

test('a product view and an add-to-cart reach Personalize, in one session', async ({ page }) => {
  await page.goto(shopUrl('/products/sku-1'));
  await page.getByRole('button', { name: 'Add to cart' }).click();

  await expect.poll(() => emulator.events().length, { timeout: 10_000 }).toBe(2);
  const [view, cart] = emulator.events();
  expect([view!.eventType, view!.itemId]).toEqual(['ProductView', 'sku-1']);
  expect([cart!.eventType, cart!.itemId, cart!.eventValue]).toEqual(['AddToCart', 'sku-1', 2]);
  expect(cart!.sessionId).toBe(view!.sessionId);
  expect(emulator.requests().every((request) => request.status === 200)).toBe(true);
});

test('a throttled PutEvents is retried and nothing is lost', async ({ page }) => {
  emulator.faults({ fail: { count: 1, error: 'ThrottlingException' } });
  await page.goto(shopUrl('/products/sku-1'));

  await expect.poll(() => emulator.events().map((event) => event.eventType), { timeout: 15_000 }).toEqual(['ProductView']);
  expect(emulator.requests().map((request) => request.status)).toEqual([400, 200]);
});
