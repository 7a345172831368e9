// Both demos at a small phone's 360×740, a phone's 390×844 and a laptop's 1280×800: on every view nothing is wider than the
// viewport, and every control can be tapped (Playwright's trial tap checks that the element
// itself, not something over it, would get the tap). Screenshots of each view are kept in the
// test's output directory (test-results/…).
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { useDemo } from './demo-harness';

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const CONTROLS = 'button:visible, a[href]:visible, input:visible, select:visible';

const demo = useDemo();

/** Checks the view for overflow and untappable controls (within `scope`), then screenshots it. */
async function checkView(page: Page, testInfo: TestInfo, name: string, scope = 'body'): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.scroll, `${name}: page wider than the viewport`).toBeLessThanOrEqual(widths.viewport);
  const controls = page.locator(scope).locator(CONTROLS);
  const count = await controls.count();
  expect(count, `${name}: controls found`).toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    const control = controls.nth(index);
    const label = `${name}: ${await control.evaluate((node) => node.getAttribute('data-testid') ?? node.textContent?.trim().slice(0, 30))}`;
    await test.step(label, () => control.tap({ trial: true, timeout: 5_000 }));
  }
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelectorAll('.demo-panel__section').forEach((section) => section.scrollTo(0, 0));
  });
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

/** On a phone the panel is a bottom sheet: open it. On a wide screen it is always there. */
async function openPanel(page: Page, phone: boolean): Promise<void> {
  if (!phone) return;
  await page.getByTestId('panel-toggle').tap();
  await expect(page.getByTestId('event-panel')).toHaveAttribute('data-open', 'true');
}

for (const viewport of VIEWPORTS) {
  const phone = viewport.width < 900;
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport, hasTouch: true, isMobile: phone });

    test('shop: home, movie detail and panel tabs fit and every control is tappable', async ({ page }, testInfo) => {
      await page.goto(demo().shopUrl);
      await checkView(page, testInfo, `shop-home-${viewport.width}`);
      await page.getByTestId('movie-card-movie3').tap();
      await expect(page.getByTestId('detail')).toBeVisible();
      await checkView(page, testInfo, `shop-detail-${viewport.width}`);
      await openPanel(page, phone);
      await checkView(page, testInfo, `shop-panel-events-${viewport.width}`, '[data-testid="event-panel"]');
      await page.getByTestId('tab-faults').tap();
      await checkView(page, testInfo, `shop-panel-faults-${viewport.width}`, '[data-testid="event-panel"]');
    });

    test('SPA: home, movie page, cart and panel tabs fit and every control is tappable', async ({ page }, testInfo) => {
      await page.goto(demo().spaUrl);
      await checkView(page, testInfo, `spa-home-${viewport.width}`);
      await page.getByTestId('movie-card-movie3').tap();
      await expect(page).toHaveURL(/#\/movie\/movie3$/);
      await checkView(page, testInfo, `spa-movie-${viewport.width}`);
      await page.getByTestId('add-to-cart-movie3').tap();
      await page.getByTestId('cart-count').tap();
      await expect(page).toHaveURL(/#\/cart$/);
      await checkView(page, testInfo, `spa-cart-${viewport.width}`);
      await openPanel(page, phone);
      await checkView(page, testInfo, `spa-panel-events-${viewport.width}`, '[data-testid="event-panel"]');
      await page.getByTestId('tab-faults').tap();
      await checkView(page, testInfo, `spa-panel-faults-${viewport.width}`, '[data-testid="event-panel"]');
    });
  });
}
