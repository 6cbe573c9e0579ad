import type { ContainerStatus, Node, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import type { StoredObject } from '../api/meta.ts';
import { rfc3339 } from '../apiserver/timestamps.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';

/** A Ready node with an InternalIP address (what a kubelet registers; kube-proxy serves NodePorts on it). */
export function nodeWithAddress(name: string, internalIP: string, labels: Readonly<Record<string, string>> = {}, nowMs = 0): Node {
  const t = rfc3339(nowMs);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
    spec: {},
    status: {
      addresses: [
        { type: 'InternalIP', address: internalIP },
        { type: 'Hostname', address: name },
      ],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: t }],
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
    },
  };
}

/** Creates nodes `name → InternalIP` through the API. */
export async function addNodes(cluster: Cluster, nodes: Readonly<Record<string, string>>): Promise<StoredObject<Node>[]> {
  const out: StoredObject<Node>[] = [];
  for (const [name, ip] of Object.entries(nodes)) out.push(await cluster.client.create(nodeWithAddress(name, ip, {}, cluster.clock.now())));
  return out;
}

/**
 * Flips a running pod's readiness through the status subresource (what the kubelet does when a
 * readiness probe starts or stops failing): the Ready and ContainersReady conditions and every
 * container's `ready`.
 */
export async function setPodReady(cluster: Cluster, namespace: string, name: string, ready: boolean): Promise<StoredObject<Pod>> {
  const t = rfc3339(cluster.clock.now());
  const flip = (c: PodCondition): PodCondition => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: ready ? 'True' : 'False', lastTransitionTime: t } : c);
  const updated = await cluster.client.mutate(
    'Pod',
    name,
    (d: Pod) => {
      const w = d as { status?: PodStatus };
      const status = (w.status ??= {});
      status.conditions = (status.conditions ?? []).map(flip);
      status.containerStatuses = (status.containerStatuses ?? []).map((c: ContainerStatus) => ({ ...c, ready }));
    },
    { namespace, subresource: 'status' },
  );
  return updated;
}
