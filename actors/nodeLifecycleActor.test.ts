import { afterEach, describe, expect, it } from 'vitest';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, NodeCondition, Pod, PodStatus, Toleration } from 'kubernetes-types/core/v1.js';
import { rfc3339, rfc3339Micro } from '../src/apiserver/timestamps.ts';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';
import { readyNode, runningPodStatus } from '../src/testing/fakeKubelet.ts';
import { NODE_LIFECYCLE_SYSTEM_ID } from './nodeLifecycleActor.ts';
import { TAINT_EVICTION_SYSTEM_ID } from './taintEvictionActor.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const S = 1000;

/** A cluster with hand-made nodes: no kubelet, no scheduler, no workload controllers. */
function world(options: { nodeMonitorGracePeriodMs?: number } = {}) {
  const c = createCluster({ builtinControllers: false, scheduler: { disabled: true }, ...options });
  cluster = c;
  const t0 = c.clock.now();
  const at = (): number => (c.clock.now() - t0) / S;
  const heartbeats = new Map<string, boolean>();

  const addNode = async (name: string): Promise<void> => {
    await c.client.create(readyNode(name, {}, c.clock.now()));
  };
  /** What a kubelet posting NodeStatus does: a fresh Ready heartbeat (Ready or not). */
  const postStatus = async (name: string, ready = true): Promise<void> => {
    const t = rfc3339(c.clock.now());
    await c.client.mutate(
      'Node',
      name,
      (d: Node) => {
        const status = d as { status?: { conditions?: NodeCondition[] } };
        const prev = status.status?.conditions?.find((x) => x.type === 'Ready');
        const changed = prev?.status !== (ready ? 'True' : 'False');
        const cond: NodeCondition = { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'KubeletReady' : 'KubeletNotReady', message: ready ? 'kubelet is posting ready status' : 'container runtime is down', lastHeartbeatTime: t, lastTransitionTime: changed ? t : (prev?.lastTransitionTime ?? t) };
        (status.status ??= {}).conditions = [...(status.status.conditions ?? []).filter((x) => x.type !== 'Ready'), cond];
      },
      { subresource: 'status' },
    );
  };
  /** Posts status every 10 s of cluster time until `stopBeating`. */
  const beatEvery10s = (name: string, post: () => Promise<void> = () => postStatus(name)): void => {
    heartbeats.set(name, true);
    const tick = (): void => {
      if (heartbeats.get(name) !== true) return;
      void post();
      c.clock.setTimeout(tick, 10 * S);
    };
    c.clock.setTimeout(tick, 10 * S);
  };
  const stopBeating = (name: string): void => void heartbeats.set(name, false);

  const addPod = async (name: string, nodeName: string, tolerations?: Toleration[]): Promise<void> => {
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName, containers: [{ name: 'app', image: 'nginx' }], ...(tolerations ? { tolerations } : {}) } };
    await c.client.create(pod);
    await c.client.mutate('Pod', name, (d: Pod) => void ((d as { status?: PodStatus }).status = runningPodStatus(d, true, c.clock.now(), '10.244.0.9')), { namespace: 'default', subresource: 'status' });
  };

  const node = (name: string) => c.api.get<Node & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Node' }, name);
  const pod = (name: string) => c.api.get<Pod & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Pod' }, name, 'default');
  const condition = (name: string, type = 'Ready') => node(name).status?.conditions?.find((x) => x.type === type);
  const podReady = (name: string) => pod(name).status?.conditions?.find((x) => x.type === 'Ready')?.status;
  const taints = (name: string) => (node(name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
  const events = (reason: string) => c.events().filter((e) => e.reason === reason).map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`);
  const advanceTo = (seconds: number) => c.advance(t0 + seconds * S - c.clock.now());
  return { c, t0, at, addNode, postStatus, beatEvery10s, stopBeating, addPod, node, pod, condition, podReady, taints, events, advanceTo };
}

describe('node lifecycle controller', () => {
  it('should run as cluster components with their system ids', async () => {
    const w = world();
    await w.advanceTo(0);
    expect(w.c.root.system.get(NODE_LIFECYCLE_SYSTEM_ID)).toBeDefined();
    expect(w.c.root.system.get(TAINT_EVICTION_SYSTEM_ID)).toBeDefined();
  });

  it('should keep a node Ready while its status heartbeats arrive', async () => {
    const w = world();
    await w.addNode('node-1');
    w.beatEvery10s('node-1');
    await w.advanceTo(300);
    expect(w.condition('node-1')?.status).toBe('True');
    expect(w.taints('node-1')).toEqual([]);
    expect(w.events('RegisteredNode')).toEqual(['Node/node-1: Node node-1 event: Registered Node node-1 in Controller']);
  });

  it('should mark a silent node Unknown 50 s after its last heartbeat, taint it unreachable and mark its pods not ready', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.addPod('web-1', 'node-1');
    w.beatEvery10s('node-1');
    await w.advanceTo(30);
    w.stopBeating('node-1');
    await w.advanceTo(79.9);
    expect(w.condition('node-1')?.status).toBe('True');
    expect(w.podReady('web-1')).toBe('True');
    await w.advanceTo(80);
    const ready = w.condition('node-1');
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: rfc3339(w.t0 + 30 * S), lastTransitionTime: rfc3339(w.t0 + 80 * S) });
    expect(w.taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(w.node('node-1').spec?.taints?.[1]?.timeAdded).toBe(rfc3339(w.t0 + 80 * S));
    expect(w.podReady('web-1')).toBe('False');
    expect(w.events('NodeNotReady')).toEqual(['Node/node-1: Node node-1 status is now: NodeNotReady', 'Pod/web-1: Node is not ready']);
  });

  it('should follow a shorter grace period given as a cluster option', async () => {
    const w = world({ nodeMonitorGracePeriodMs: 40 * S });
    await w.addNode('node-1');
    await w.advanceTo(39.9);
    expect(w.condition('node-1')?.status).toBe('True');
    await w.advanceTo(40);
    expect(w.condition('node-1')?.status).toBe('Unknown');
  });

  it('should count a Lease renewal as a heartbeat', async () => {
    const w = world();
    await w.addNode('node-1');
    const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: rfc3339Micro(w.c.clock.now()) } };
    await w.c.client.create(lease);
    w.beatEvery10s('node-1', async () => {
      await w.c.client.mutate('Lease', 'node-1', (d: Lease) => void ((d.spec ??= {}).renewTime = rfc3339Micro(w.c.clock.now())), { namespace: 'kube-node-lease' });
    });
    await w.advanceTo(200);
    expect(w.condition('node-1')?.status).toBe('True');
    w.stopBeating('node-1');
    await w.advanceTo(250);
    expect(w.condition('node-1')?.status).toBe('Unknown');
  });

  it('should taint a node that reports NotReady not-ready and remove the taints once it is Ready again', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.addPod('web-1', 'node-1');
    await w.advanceTo(5);
    await w.postStatus('node-1', false);
    await w.advanceTo(6);
    expect(w.taints('node-1')).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    expect(w.podReady('web-1')).toBe('False');
    expect(w.events('NodeNotReady')).toContain('Node/node-1: Node node-1 status is now: NodeNotReady');
    await w.postStatus('node-1', true);
    await w.advanceTo(7);
    expect(w.taints('node-1')).toEqual([]);
  });

  it('should remove the unreachable taints when heartbeats resume, and leave other taints alone', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.c.client.mutate('Node', 'node-1', (d: Node) => void ((d.spec ??= {}).taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]));
    await w.advanceTo(60);
    expect(w.taints('node-1')).toEqual(['dedicated:NoSchedule', 'node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    await w.postStatus('node-1');
    await w.advanceTo(61);
    expect(w.condition('node-1')?.status).toBe('True');
    expect(w.taints('node-1')).toEqual(['dedicated:NoSchedule']);
  });

  it('should forget a deleted node and register it afresh when it comes back', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.advanceTo(10);
    await w.c.client.delete('Node', 'node-1');
    await w.advanceTo(100);
    expect(w.events('RemovingNode')).toEqual(['Node/node-1: Node node-1 event: Removing Node node-1 from Controller']);
    expect(w.events('NodeNotReady')).toEqual([]);
    await w.addNode('node-1');
    await w.advanceTo(149);
    expect(w.condition('node-1')?.status).toBe('True');
    expect(w.c.events().find((e) => e.reason === 'RegisteredNode')?.count).toBe(2);
    await w.advanceTo(150);
    expect(w.condition('node-1')?.status).toBe('Unknown');
  });
});
