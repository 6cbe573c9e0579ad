import { assign, setup } from 'xstate';
import { derivePodPhase } from '../src/kubelet/podPhase.ts';
import type { PodRecord } from '../src/kubelet/podRecord.ts';
import { podIsTerminal } from '../src/kubelet/podRecord.ts';
import { allStopped } from './podDriver.ts';
import type { PodEvent, PodEventRecord, PodMachineInput } from './podTypes.ts';

/** What a pod machine ends with (its final `terminated` state). */
export interface PodMachineOutput {
  /** The phase of the pod at the end (kubelet's `getPhase` for a terminal pod). */
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** A force deletion: the API object is already gone, nothing is to be written. */
  readonly forced: boolean;
}

// Guards ask for the phase several times per step with the same context object (contexts never
// change), so the last answer is kept.
let lastContext: PodRecord | undefined;
let lastPhase: ReturnType<typeof derivePodPhase> = 'Pending';
function phase(c: PodRecord): ReturnType<typeof derivePodPhase> {
  if (c !== lastContext) {
    lastPhase = derivePodPhase(c.containers, c.restartPolicy, podIsTerminal(c));
    lastContext = c;
  }
  return lastPhase;
}

/** The message kubelet sets on a pod past its `activeDeadlineSeconds`. */
export const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** The pod machine's implementations: `writeStatus` and `recordEvent` are for the kubelet wiring to provide. */
export const podSetup = setup({
  types: { context: {} as PodRecord, input: {} as PodMachineInput, events: {} as PodEvent, output: {} as PodMachineOutput },
  actions: {
    /** A signal that the derived status changed: the wiring derives it from the snapshot and writes it. */
    writeStatus: () => {},
    recordEvent: (_, _params: PodEventRecord) => {},
    markDeletion: assign(({ context, event }) => {
      if (event.type !== 'pod.delete') return {};
      const now = context.clock.now();
      const graceMs = event.gracePeriodSeconds !== undefined ? event.gracePeriodSeconds * 1000 : context.graceMs;
      const prev = context.deletion;
      const shorter = prev === undefined ? graceMs : Math.min(prev.graceMs, now - prev.requestedAt + graceMs);
      return { deletion: { graceMs: shorter, requestedAt: prev?.requestedAt ?? now, forced: (prev?.forced ?? false) || graceMs === 0 } };
    }),
    markDeadlineExceeded: assign({ reason: 'DeadlineExceeded' as const, message: DEADLINE_MESSAGE }),
    markEvicted: assign(({ event }) => (event.type === 'pod.evict' ? { reason: 'Evicted' as const, message: event.message } : {})),
  },
  guards: {
    initialized: ({ context }) => context.conditions.initialized,
    phaseFailed: ({ context }) => context.reason !== undefined || phase(context) === 'Failed',
    phaseSucceeded: ({ context }) => phase(context) === 'Succeeded',
    phaseRunning: ({ context }) => phase(context) === 'Running',
    phaseNotTerminal: ({ context }) => phase(context) === 'Pending' || phase(context) === 'Running',
    hasDeadline: ({ context }) => context.activeDeadlineMs !== undefined,
    allStopped: ({ context }) => allStopped(context),
  },
  delays: {
    activeDeadline: ({ context }) => Math.max(0, context.startTime + (context.activeDeadlineMs ?? 0) - context.clock.now()),
  },
});
