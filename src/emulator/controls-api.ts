// The controls and inspection endpoints as plain functions, for a test that started the emulator
// in its own process: the same state the /__emulator/ endpoints read and change.
import { resetContext, type EmulatorContext } from './context.js';
import type { ActionInteractionRecord, EventRecord, RequestRecord } from './event-log.js';
import type { FaultScript, Operation } from './faults.js';

export interface EmulatorControls {
  /** Accepted events, oldest first (GET /__emulator/events). */
  events(): EventRecord[];
  /** Accepted action interactions (PutActionInteractions), oldest first (GET /__emulator/action-interactions). */
  actionInteractions(): ActionInteractionRecord[];
  /** PutEvents and PutActionInteractions attempts that got an answer, oldest first, each with its `operation` (GET /__emulator/requests). */
  requests(): RequestRecord[];
  /** Calls per operation since the start or the last reset (GET /__emulator/calls). */
  calls(): Record<Operation, number>;
  /** Applies a fault script (POST /__emulator/faults); throws a TypeError naming the problem, applying nothing, when it is malformed. */
  faults(script: FaultScript): void;
  /** Expires every credential issued so far (POST /__emulator/expire-credentials). */
  expireCredentials(): void;
  /** Clears logs, counts and faults; keeps identities and credentials (POST /__emulator/reset). */
  reset(): void;
}

/** The controls of one emulator's state, as functions. */
export function controlsOf(context: EmulatorContext): EmulatorControls {
  return {
    events: () => context.log.listEvents(),
    actionInteractions: () => context.log.listActionInteractions(),
    requests: () => context.log.listRequests(),
    calls: () => ({ ...context.calls }),
    faults: (script) => {
      const problem = context.faults.apply(script);
      if (problem) throw new TypeError(`personalize-tracker emulator: ${problem}`);
    },
    expireCredentials: () => void context.store.expireAll(context.faults.now()),
    reset: () => resetContext(context),
  };
}
