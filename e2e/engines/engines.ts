// The engines the suite runs in, by name; ENGINES=chromium,webkit picks some.
import type { Engine, EngineName } from './driver';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import { launchWebKit } from './webkit';

export const LAUNCHERS: Record<EngineName, () => Promise<Engine>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

/** The engine names chosen by the ENGINES environment variable, all three by default. */
export function chosenEngines(): EngineName[] {
  const names = (process.env.ENGINES ?? Object.keys(LAUNCHERS).join(',')).split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) if (!(name in LAUNCHERS)) throw new Error(`unknown engine "${name}" in ENGINES (known: ${Object.keys(LAUNCHERS).join(', ')})`);
  return names as EngineName[];
}
