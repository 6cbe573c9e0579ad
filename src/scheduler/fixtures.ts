// Compact builders for nodes and pods, for tests, examples and benchmarks of the scheduler.
import type { Container, Node, NodeSpec, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1.js';

/** Options of {@link makeNode}; resource amounts are quantity strings. */
export interface NodeOptions {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  readonly ephemeralStorage?: string;
  readonly extra?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
  readonly images?: readonly { readonly names: readonly string[]; readonly sizeBytes: number }[];
}

/** A Ready node with allocatable = capacity (default 4 cpu, 8Gi, 110 pods) and a hostname label. */
export function makeNode(name: string, o: NodeOptions = {}): Node {
  const resources: Record<string, string> = {
    cpu: o.cpu ?? '4',
    memory: o.memory ?? '8Gi',
    pods: o.pods ?? '110',
    ...(o.ephemeralStorage === undefined ? {} : { 'ephemeral-storage': o.ephemeralStorage }),
    ...o.extra,
  };
  const spec: NodeSpec = {
    ...(o.taints === undefined ? {} : { taints: [...o.taints] }),
    ...(o.unschedulable === undefined ? {} : { unschedulable: o.unschedulable }),
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec,
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True' }],
      ...(o.images === undefined ? {} : { images: o.images.map((i) => ({ names: [...i.names], sizeBytes: i.sizeBytes })) }),
    },
  };
}

/** Options of {@link makePod}: requests of its single container and spec fields. */
export interface PodOptions {
  readonly namespace?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly nodeName?: string;
  readonly priority?: number;
  readonly image?: string;
  readonly hostPorts?: readonly { readonly hostPort: number; readonly protocol?: string; readonly hostIP?: string }[];
  readonly spec?: Partial<PodSpec>;
  readonly uid?: string;
  readonly startTime?: string;
}

/** A Pending pod with one container requesting `cpu`/`memory` (omitted ones are not requested). */
export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {
    ...(o.cpu === undefined ? {} : { cpu: o.cpu }),
    ...(o.memory === undefined ? {} : { memory: o.memory }),
  };
  const container: Container = {
    name: 'main',
    image: o.image ?? 'registry.k8s.io/pause:3.9',
    ...(Object.keys(requests).length === 0 ? {} : { resources: { requests } }),
    ...(o.hostPorts === undefined
      ? {}
      : { ports: o.hostPorts.map((p) => ({ containerPort: p.hostPort, hostPort: p.hostPort, ...(p.protocol === undefined ? {} : { protocol: p.protocol }), ...(p.hostIP === undefined ? {} : { hostIP: p.hostIP }) })) }),
  };
  const namespace = o.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: o.uid ?? `${namespace}-${name}`, ...(o.labels === undefined ? {} : { labels: { ...o.labels } }) },
    spec: {
      containers: [container],
      ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }),
      ...(o.priority === undefined ? {} : { priority: o.priority }),
      ...o.spec,
    },
    status: { phase: o.nodeName === undefined ? 'Pending' : 'Running', ...(o.startTime === undefined ? {} : { startTime: o.startTime }) },
  };
}
