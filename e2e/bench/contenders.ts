// The four contenders, in table order, with what the runner must know about each.
import type { ContenderName } from './build';

export interface Contender {
  name: ContenderName;
  label: string;
  /** The library only talks to the real AWS hosts, so the runner routes them to the emulator. */
  needsAwsRoute: boolean;
  /** The page posts to the shop's own relay (relay-site.ts), which calls PutEvents on the emulator. */
  usesRelay: boolean;
  /** What a track() call leaves behind after it returns (the per-call time does not include it). */
  deferredWork: string;
}

export const CONTENDERS: Contender[] = [
  {
    name: 'tracker',
    label: 'personalize-tracker (script tag)',
    needsAwsRoute: false,
    usesRelay: false,
    deferredWork: 'returns void; validates and stamps in the call; the localStorage note of the tick, the IndexedDB write (by the sender) and the sends run later',
  },
  {
    name: 'sdk',
    label: 'AWS SDK v3 snippet (PutEvents per call)',
    needsAwsRoute: false,
    usesRelay: false,
    deferredWork: 'client.send() returns a promise (the snippet drops it); signing and one PutEvents per event run later',
  },
  {
    name: 'amplify',
    label: 'Amplify v6 Personalize record()',
    needsAwsRoute: true,
    usesRelay: false,
    deferredWork: 'returns void, but starts a promise chain per call (credentials, session cache, buffer); sends run later',
  },
  {
    name: 'relay',
    label: 'personalize-tracker (relay)',
    needsAwsRoute: false,
    usesRelay: true,
    deferredWork: 'returns void; validates and stamps in the call; the IndexedDB write and the unsigned POSTs to the relay run later',
  },
];
