// Relay mode's own scenario: the shop's relay itself unreachable (a deploy, a network cut), then
// back. The page keeps its events and delivers each once, and makes no Cognito call at all.
import assert from 'node:assert/strict';
import { expectDeliveredOnce, itemIds, trackItems } from './delivery-checks';
import type { Scenario } from './scenario-context';

export const RELAY_ONLY_SCENARIOS: Scenario[] = [
  {
    id: 'relay-r',
    title: 'the relay down (connections dropped) while 5 events are tracked, then back: each delivered once, no Cognito call',
    timeoutMs: 40_000,
    async run({ site, openWarm, emulator }) {
      const tab = await openWarm('r');
      site.relayDown(true);
      await trackItems(tab, itemIds('r', 5));
      await tab.evaluate(() => (window as any).personalize.flush().then(() => true));
      assert.equal((await emulator.events()).length, 1, 'nothing arrives while the relay is down');
      site.relayDown(false);
      await expectDeliveredOnce(emulator, ['r-warm', ...itemIds('r', 5)], 30_000);
      const calls = await emulator.calls();
      assert.equal(calls.GetId + calls.GetCredentialsForIdentity, 0, `the page called Cognito: ${JSON.stringify(calls)}`);
    },
  },
];
