import { afterEach, describe, expect, it } from 'vitest';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import { rfc3339, rfc3339Micro } from '../src/apiserver/timestamps.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';
import { NODE_LIFECYCLE_SYSTEM_ID } from './nodeLifecycleActor.ts';
import { TAINT_EVICTION_SYSTEM_ID } from './taintEvictionActor.ts';
import { nodeWorld, S } from '../src/testing/nodeWorld.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const world = (options: Parameters<typeof nodeWorld>[0] = {}) => {
  const w = nodeWorld(options);
  cluster = w.c;
  return w;
};

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
    expect(w.events('RegisteredNode')).toHaveLength(2);
    await w.advanceTo(150);
    expect(w.condition('node-1')?.status).toBe('Unknown');
  });
});
