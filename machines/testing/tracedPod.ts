import type { Pod } from 'kubernetes-types/core/v1.js';
import { createActor } from 'xstate';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import { podMachine } from '../podMachine.ts';
import type { Cluster } from '../../src/runtime/cluster/clusterTypes.ts';

/** A bound pod for {@link startTracedPod}. */
export function samplePod(name = 'web-1', image = 'nginx:1.27'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { nodeName: 'node-1', containers: [{ name: 'app', image }] } };
}

/**
 * Runs a pod machine for `pod` on the cluster's clock, inspected by the cluster's tracer, the way a
 * kubelet would (status writes and Events are dropped; `inspect` gets its inspection events too):
 * a pod actor for inspector tests that does not need a node.
 */
export function startTracedPod(cluster: Cluster, pod: Pod = samplePod(), inspect?: (e: InspectionEvent) => void): AnyActorRef {
  const clock = cluster.clock;
  const logic = podMachine.provide({ actions: { writeStatus: () => {}, recordEvent: () => {} } });
  const tracer = cluster.tracer;
  const actor = createActor(logic, { clock, input: { pod, clock }, inspect: (e) => (tracer?.inspect(e), inspect?.(e)) });
  actor.start();
  return actor;
}
