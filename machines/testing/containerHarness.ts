import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { createActor } from 'xstate';
import type { InspectionEvent } from 'xstate';
import { containerConfig } from '../../src/kubelet/containerConfig.ts';
import type { RestartPolicy } from '../../src/kubelet/restartRules.ts';
import { resolveBehavior } from '../../src/kubelet/workloadBehavior.ts';
import type { WorkloadProfile } from '../../src/kubelet/workloadTypes.ts';
import { VirtualClock } from '../../src/runtime/sim/virtualClock.ts';
import { containerMachine } from '../containerMachine.ts';
import type { ContainerEvent, ContainerEventRecord } from '../containerMachine.ts';

/** A state value as a dotted path of its first branch (`waiting.pulling`, `running`, `stopping.terminating`). */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return '';
  const entry: [string, unknown] = Object.entries(value as Record<string, unknown>)[0] ?? ['', undefined];
  const [key, sub] = entry;
  return key === 'running' ? 'running' : typeof sub === 'string' ? `${key}.${sub}` : key;
}

/** Options of {@link runContainer}. */
export interface ContainerRunOptions {
  readonly profile?: WorkloadProfile;
  readonly policy?: RestartPolicy;
  readonly graceSeconds?: number;
  readonly inspect?: (e: InspectionEvent) => void;
  readonly imagePresent?: boolean;
  readonly start?: boolean;
}

/**
 * Runs one container machine as a stand-alone actor on a virtual clock (times in seconds since
 * start), recording its state changes and Events. A test aid for the container machine's suites.
 */
export function runContainer(spec: Partial<Container>, opts: ContainerRunOptions = {}) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const t = (): number => (clock.now() - t0) / 1000;
  const container: Container = { name: 'app', image: 'registry.local/app:1.0', ...spec };
  const pod: Pod = { metadata: { name: 'p', namespace: 'default', uid: 'uid-1', annotations: opts.profile !== undefined ? { 'behavior.kubeactors.dev/app': JSON.stringify(opts.profile) } : {} }, spec: { containers: [container] } };
  const behavior = resolveBehavior(pod, container);
  const config = containerConfig(container, 'app', opts.policy ?? 'Always', (opts.graceSeconds ?? 30) * 1000, behavior);
  const events: (ContainerEventRecord & { at: number })[] = [];
  const states: { at: number; state: string; restartCount: number; ready: boolean; started: boolean }[] = [];
  const machine = containerMachine.provide({ actions: { recordEvent: (_, params: ContainerEventRecord) => events.push({ ...params, at: t() }) } });
  const actor = createActor(machine, { clock, input: { clock, config, image: container.image ?? '', behavior, imagePresent: opts.imagePresent ?? false }, ...(opts.inspect ? { inspect: opts.inspect } : {}) });
  actor.subscribe((s) => {
    const state = statePath(s.value);
    const last = states[states.length - 1];
    const c = s.context;
    if (last?.state !== state || last.restartCount !== c.restartCount || last.ready !== c.ready || last.started !== c.started) {
      states.push({ at: t(), state, restartCount: c.restartCount, ready: c.ready, started: c.started });
    }
  });
  actor.start();
  if (opts.start !== false) actor.send({ type: 'container.start' });
  // Everything due now happens now (a cluster's settle does the same).
  clock.runDue();
  return {
    clock,
    actor,
    events,
    states,
    t,
    send: (e: ContainerEvent) => {
      actor.send(e);
      clock.runDue();
    },
    /** Moves time forward by `seconds`. */
    advance: (seconds: number) => clock.advance(seconds * 1000),
    /** Times (s) at which the container entered `state`. */
    entered: (state: string) => states.filter((s, i) => s.state === state && states[i - 1]?.state !== state).map((s) => s.at),
    snapshot: () => actor.getSnapshot(),
  };
}
