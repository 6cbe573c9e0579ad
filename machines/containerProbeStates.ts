import { and } from 'xstate';
import type { ProbeKind } from '../src/kubelet/containerConfig.ts';
import { unhealthyMessage } from '../src/kubelet/probeEval.ts';
import { probeTickResult } from './containerLogic.ts';
import { containerSetup } from './containerSetup.ts';

function probeActions(kind: ProbeKind) {
  const tick = containerSetup.enqueueActions(({ context, enqueue }) => {
    const r = probeTickResult(context, kind, context.clock.now());
    enqueue({ type: 'countProbe', params: { kind, ok: r.ok, tick: true } });
    if (!r.ok) enqueue({ type: 'recordEvent', params: { type: 'Warning', reason: 'Unhealthy', message: unhealthyMessage(kind, r.message) } });
  });
  const result = containerSetup.enqueueActions(({ event, enqueue }) => {
    if (event.type !== 'probe.result') return;
    enqueue({ type: 'countProbe', params: { kind, ok: event.ok, tick: false } });
    if (!event.ok) enqueue({ type: 'recordEvent', params: { type: 'Warning', reason: 'Unhealthy', message: unhealthyMessage(kind, event.message ?? 'probe failed') } });
  });
  return { tick, result };
}

/**
 * One probe region of a running container (startup, readiness or liveness), as the kubelet's probe
 * worker: `gated` until the startup probe has passed, `unprobed` when the spec has no such probe,
 * `probing` on the period grid from `startedAt + initialDelaySeconds`, `evaluated` after each result,
 * and `steady` once the app's answers can no longer change anything (no more timers).
 */
export function probeRegion(kind: ProbeKind) {
  const k = { kind };
  const { tick, result } = probeActions(kind);
  const onResult = { 'probe.result': { guard: { type: 'isProbeFor', params: k }, target: 'evaluated', actions: result } } as const;
  const delayed = kind === 'startup' ? { startupTick: { target: 'evaluated', actions: tick } } : kind === 'readiness' ? { readinessTick: { target: 'evaluated', actions: tick } } : { livenessTick: { target: 'evaluated', actions: tick } };
  const kills = kind === 'readiness' ? [] : [{ guard: { type: 'probeKills', params: k }, target: '#container.stopping', actions: { type: 'markProbeKill', params: k } } as const];
  // A startup probe ends when it passes; the others may settle (no more timers).
  const ends = kind === 'startup' ? [{ guard: { type: 'probePassed', params: k }, target: 'passed' } as const] : [{ guard: { type: 'probeSteady', params: k }, target: 'steady' } as const];
  return containerSetup.createStateConfig({
    initial: 'gated',
    states: {
      gated: {
        always: [
          { guard: and([{ type: 'gateOpen', params: k }, { type: 'hasProbe', params: k }]), target: 'probing' },
          { guard: { type: 'gateOpen', params: k }, target: 'unprobed', actions: { type: 'markUnprobed', params: k } },
        ],
      },
      unprobed: {},
      probing: { entry: { type: 'scheduleProbe', params: k }, after: delayed, on: onResult },
      evaluated: { always: [...kills, ...ends, { target: 'probing' }] },
      ...(kind === 'startup' ? { passed: {} } : { steady: { on: onResult } }),
    },
  });
}
