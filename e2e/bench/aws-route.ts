// Amplify cannot be pointed at another endpoint: it calls https://cognito-identity.{region}.amazonaws.com
// and https://personalize-events.{region}.amazonaws.com. This sends those requests to the emulator
// unchanged, Host header included, because SigV4 signs `host` and the emulator checks the signature
// strictly. The browser's CORS preflight is answered by Playwright itself (it always does for a
// routed request); the real response carries the emulator's CORS headers back to the page.
import type { BrowserContext, Route } from '@playwright/test';

const AWS_URL_PATTERN = 'https://*.amazonaws.com/**';

export interface AwsRoute {
  /** Routed requests fail like a cut network while set: Chromium's offline switch does not reach them. */
  offline: boolean;
  /** Requests the route passed to the emulator. */
  forwarded: number;
}

export async function routeAwsToEmulator(context: BrowserContext, emulatorUrl: string): Promise<AwsRoute> {
  const state: AwsRoute = { offline: false, forwarded: 0 };
  await context.route(AWS_URL_PATTERN, (route) => forward(route, emulatorUrl, state));
  return state;
}

async function forward(route: Route, emulatorUrl: string, state: AwsRoute): Promise<void> {
  if (state.offline) return route.abort('internetdisconnected').catch(() => undefined);
  const request = route.request();
  const original = new URL(request.url());
  state.forwarded++;
  try {
    const response = await route.fetch({
      url: `${emulatorUrl}${original.pathname}${original.search}`,
      headers: { ...request.headers(), host: original.host },
      maxRedirects: 0,
    });
    await route.fulfill({ response });
  } catch {
    // The page closed while its request was out (the tab-close scenario): nothing to answer.
    await route.abort('failed').catch(() => undefined);
  }
}
