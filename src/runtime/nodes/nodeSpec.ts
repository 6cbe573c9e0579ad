import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';

/**
 * The shape of a simulated node: its name, resources, labels and taints.
 * @public
 */
export interface NodeSpec {
  readonly name: string;
  /** CPU capacity (a quantity, default `'4'`). */
  readonly cpu?: string;
  /** Memory capacity (default `'16Gi'`). */
  readonly memory?: string;
  /** Pod capacity (default `110`). */
  readonly pods?: number;
  readonly ephemeralStorage?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  /** Static pods (the kubelet's manifest folder): run on this node, shown in the API as mirror pods. */
  readonly staticPods?: readonly Pod[];
  /** Images already present on the node (no pull with `IfNotPresent`). */
  readonly images?: readonly { readonly names: readonly string[]; readonly sizeBytes: number }[];
}

/** Kubelet version the simulated nodes report. */
export const KUBELET_VERSION = 'v1.30.0';

/** The default node names: `node-1`, `node-2` … */
export function defaultNodeSpecs(count: number): NodeSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `node-${i + 1}` }));
}

/** The InternalIP of the i-th node (0-based): 10.0.x.y from 10.0.0.10 upwards. */
export function nodeAddress(index: number): string {
  const n = index + 10;
  return `10.0.${(n >> 8) & 255}.${n & 255}`;
}

/** The pod CIDR of the i-th node: /24s of 10.244.0.0/16 for the first 256 nodes, then of 10.128.0.0/9. */
export function nodePodCidr(index: number): string {
  if (index < 256) return `10.244.${index}.0/24`;
  const j = index - 256;
  return `10.${128 + (j >> 8)}.${j & 255}.0/24`;
}

/** The Node object a kubelet registers for `spec` (status conditions come from its statechart). */
export function nodeObject(spec: NodeSpec, index: number): Node {
  const cpu = spec.cpu ?? '4';
  const memory = spec.memory ?? '16Gi';
  const pods = String(spec.pods ?? 110);
  const storage = spec.ephemeralStorage ?? '100Gi';
  const cidr = nodePodCidr(index);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...spec.labels,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], ...(spec.taints !== undefined && spec.taints.length > 0 ? { taints: [...spec.taints] } : {}) },
    status: {
      capacity: { cpu, memory, pods, 'ephemeral-storage': storage },
      allocatable: { cpu, memory, pods, 'ephemeral-storage': storage },
      addresses: [
        { type: 'InternalIP', address: nodeAddress(index) },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${spec.name}-boot`,
        containerRuntimeVersion: 'containerd://1.7.13',
        kernelVersion: '6.1.0-kubeactors',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: `${spec.name}-machine`,
        operatingSystem: 'linux',
        osImage: 'kubeactors simulated node',
        systemUUID: `${spec.name}-uuid`,
      },
      images: (spec.images ?? []).map((i) => ({ names: [...i.names], sizeBytes: i.sizeBytes })),
    },
  };
}

/** The annotation that marks a mirror pod (kubelet's `kubernetes.io/config.mirror`). */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * The mirror pod a kubelet posts for a static pod: named `<name>-<node>`, bound to the node, owned
 * by the Node, with the mirror annotation.
 */
export function mirrorPod(pod: Pod, node: { name: string; uid: string }): Pod {
  const name = `${pod.metadata?.name ?? 'static'}-${node.name}`;
  return {
    ...pod,
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...pod.metadata,
      name,
      namespace: pod.metadata?.namespace ?? 'default',
      annotations: { ...pod.metadata?.annotations, [MIRROR_POD_ANNOTATION]: `${name}-static`, 'kubernetes.io/config.source': 'file' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
    },
    spec: { ...(pod.spec ?? { containers: [] }), nodeName: node.name },
  };
}

/** Hands out pod IPs from a node's /24 (.2 to .254), reusing released ones lowest first. */
export class PodIpAllocator {
  private readonly prefix: string;
  private readonly used = new Set<number>();

  constructor(cidr: string) {
    this.prefix = cidr.split('.').slice(0, 3).join('.');
  }

  allocate(): string | undefined {
    for (let i = 2; i < 255; i++) {
      if (!this.used.has(i)) {
        this.used.add(i);
        return `${this.prefix}.${i}`;
      }
    }
    return undefined;
  }

  /** Marks an IP as taken (a pod rebuilt after a kubelet restart keeps its IP). */
  claim(ip: string): void {
    if (ip.startsWith(`${this.prefix}.`)) this.used.add(Number(ip.slice(this.prefix.length + 1)));
  }

  release(ip: string): void {
    if (ip.startsWith(`${this.prefix}.`)) this.used.delete(Number(ip.slice(this.prefix.length + 1)));
  }
}
