import type { Container, Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { createActor } from 'xstate';
import type { InspectionEvent } from 'xstate';
import { derivePodStatus, phaseOf } from '../../src/kubelet/podStatus.ts';
import type { WorkloadProfile } from '../../src/kubelet/workloadTypes.ts';
import { VirtualClock } from '../../src/runtime/sim/virtualClock.ts';
import { podMachine } from '../podMachine.ts';
import type { PodEvent, PodEventRecord } from '../podMachine.ts';

/** A pod with the given spec; `profiles` become `behavior.kubeactors.dev/<container>` annotations. */
export function makePod(spec: Partial<PodSpec> & { containers: Container[] }, profiles: Record<string, WorkloadProfile> = {}, name = 'web-1'): Pod {
  const annotations = Object.fromEntries(Object.entries(profiles).map(([c, p]) => [`behavior.kubeactors.dev/${c}`, JSON.stringify(p)]));
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, annotations }, spec: { nodeName: 'node-1', ...spec } };
}

/** Options of {@link runPod}. */
export interface PodRunOptions {
  readonly inspect?: (e: InspectionEvent) => void;
  readonly machine?: typeof podMachine;
}

/**
 * Runs a pod machine as an actor on a virtual clock (times in seconds since start), recording its
 * Events, `writeStatus` signals and phases. A test aid for the pod machine's suites.
 */
export function runPod(pod: Pod, opts: PodRunOptions = {}) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const t = (): number => (clock.now() - t0) / 1000;
  const events: (PodEventRecord & { at: number })[] = [];
  const phases: { at: number; phase: string }[] = [];
  let writes = 0;
  const machine = (opts.machine ?? podMachine).provide({
    actions: {
      recordEvent: (_, params: PodEventRecord) => events.push({ ...params, at: t() }),
      writeStatus: () => {
        writes++;
      },
    },
  });
  const actor = createActor(machine, { clock, input: { pod, clock }, ...(opts.inspect ? { inspect: opts.inspect } : {}) });
  actor.subscribe((s) => {
    const phase = phaseOf(s);
    if (phases.at(-1)?.phase !== phase) phases.push({ at: t(), phase });
  });
  actor.start();
  clock.runDue();
  const slot = (name: string) => {
    const s = actor.getSnapshot().context.containers.find((c) => c.context.config.name === name);
    if (s === undefined) throw new Error(`no container ${name}`);
    return s;
  };
  return {
    clock,
    actor,
    events,
    phases,
    t,
    writes: () => writes,
    send: (e: PodEvent) => {
      actor.send(e);
      clock.runDue();
    },
    advance: (seconds: number) => clock.advance(seconds * 1000),
    snapshot: () => actor.getSnapshot(),
    phase: () => phaseOf(actor.getSnapshot()),
    status: () => derivePodStatus(actor.getSnapshot(), pod, { hostIP: '10.0.0.1', podIPs: ['10.244.0.5'] }),
    slot,
    /** The container's record. */
    container: (name: string) => slot(name).context,
  };
}
