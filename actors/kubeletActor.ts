import type { InspectionEvent } from 'xstate';
import type { Client } from '../src/client/client.ts';
import { createGuardedClient } from '../src/client/guardedClient.ts';
import type { ImagePolicy, ImageProfiles } from '../src/kubelet/workloadTypes.ts';
import type { ActivityTracker } from '../src/runtime/activity.ts';
import { createEventRecorder } from '../src/runtime/events/eventRecorder.ts';
import type { NodeSpec } from '../src/runtime/nodes/nodeSpec.ts';
import { nodeAddress, nodePodCidr } from '../src/runtime/nodes/nodeSpec.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import { kubeletMachine } from '../machines/kubeletMachine.ts';
import type { KubeletHub } from './kubeletHub.ts';
import { createKubeletNodeLogic } from './kubeletNode.ts';
import { createKubeletPods } from './kubeletPods.ts';

/** What a kubelet runs with. */
export interface KubeletOptions {
  readonly spec: NodeSpec;
  /** The node's position in the cluster: it decides the node IP and pod CIDR. */
  readonly index: number;
  readonly client: Client;
  readonly clock: Clock;
  readonly hub: KubeletHub;
  readonly activity?: ActivityTracker;
  readonly profiles?: ImageProfiles;
  readonly imagePolicy?: ImagePolicy;
  readonly inspect?: (event: InspectionEvent) => void;
}

/**
 * The kubelet actor logic of one node: {@link kubeletMachine} running the node's statechart and its
 * pods, writing through a client that a partition can cut off.
 * @public
 */
export function createKubeletLogic(o: KubeletOptions) {
  const name = o.spec.name;
  const link = createGuardedClient(o.client, `kubelet/${name}`);
  const recorder = createEventRecorder(link.client, o.clock, 'kubelet', name);
  const node = createKubeletNodeLogic(o.spec, o.index, link.client, o.clock, o.hub);
  const pods = createKubeletPods({
    node: name,
    hostIP: nodeAddress(o.index),
    podCidr: nodePodCidr(o.index),
    client: link.client,
    clock: o.clock,
    hub: o.hub,
    recorder,
    ...(o.activity ? { activity: o.activity } : {}),
    ...(o.profiles ? { profiles: o.profiles } : {}),
    ...(o.imagePolicy ? { imagePolicy: o.imagePolicy } : {}),
    imagesOnNode: (o.spec.images ?? []).flatMap((i) => i.names),
    ...(o.spec.staticPods ? { staticPods: o.spec.staticPods } : {}),
    ...(o.inspect ? { inspect: o.inspect } : {}),
  });
  const logic = kubeletMachine.provide({
    actors: { node: node.logic, podManager: pods.logic },
    actions: {
      disconnect: () => link.setConnected(false),
      reconnect: () => link.setConnected(true),
    },
  });
  return { logic, pods, stop: node.stop };
}
