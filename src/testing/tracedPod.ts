import type { Pod } from 'kubernetes-types/core/v1.js';
import { createActor } from 'xstate';
import type { AnyActorRef } from 'xstate';
import { podMachine } from '../../machines/podMachine.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';

/** A bound pod for {@link startTracedPod}. */
export function samplePod(name = 'web-1', image = 'nginx:1.27'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { nodeName: 'node-1', containers: [{ name: 'app', image }] } };
}

/**
 * Runs a pod machine for `pod` on the cluster's clock, inspected by the cluster's tracer, the way a
 * kubelet would (status writes and Events are dropped): a pod actor for inspector tests while no
 * kubelet runs pods in the cluster.
 */
export function startTracedPod(cluster: Cluster, pod: Pod = samplePod()): AnyActorRef {
  const clock = cluster.clock;
  const logic = podMachine.provide({ actions: { writeStatus: () => {}, recordEvent: () => {} } });
  const actor = createActor(logic, { clock, input: { pod, clock }, ...(cluster.tracer ? { inspect: cluster.tracer.inspect } : {}) });
  actor.start();
  return actor;
}
