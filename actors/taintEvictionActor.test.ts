import { afterEach, describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../src/apiserver/timestamps.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';
import { nodeWorld, S } from '../src/testing/nodeWorld.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const world = () => {
  const w = nodeWorld();
  cluster = w.c;
  const terminating = (name: string): boolean => w.pod(name).metadata.deletionTimestamp !== undefined;
  return { ...w, terminating };
};

const UNREACHABLE = 'node.kubernetes.io/unreachable';

describe('taint eviction controller', () => {
  it('should mark the pods of an unreachable node for deletion 300 s after the taint, with an Event', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.addPod('web-1', 'node-1');
    // DefaultTolerationSeconds admission gave the pod 300 s of the not-ready and unreachable taints.
    expect(w.pod('web-1').spec?.tolerations).toContainEqual({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    await w.advanceTo(50);
    expect(w.taints('node-1')).toContain(`${UNREACHABLE}:NoExecute`);
    await w.advanceTo(349);
    expect(w.terminating('web-1')).toBe(false);
    await w.advanceTo(350);
    expect(w.terminating('web-1')).toBe(true);
    expect(w.events('TaintManagerEviction')).toEqual(['Pod/web-1: Marking for deletion Pod default/web-1']);
    expect(w.pod('web-1').status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    // No kubelet confirms the deletion: the pod stays Terminating, as on a dead node upstream.
    await w.advanceTo(1000);
    expect(w.terminating('web-1')).toBe(true);
    expect(w.pod('web-1').metadata.deletionTimestamp).toBe(rfc3339(w.t0 + 380 * S));
  });

  it('should evict a pod tolerating the taint for 10 s after 10 s, and keep one tolerating it forever', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.addPod('brief', 'node-1', [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }]);
    await w.addPod('forever', 'node-1', [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute' }]);
    await w.advanceTo(59);
    expect(w.terminating('brief')).toBe(false);
    await w.advanceTo(60);
    expect(w.terminating('brief')).toBe(true);
    await w.advanceTo(1000);
    expect(w.terminating('forever')).toBe(false);
    expect(w.events('TaintManagerEviction')).toEqual(['Pod/brief: Marking for deletion Pod default/brief']);
  });

  it('should delete at once a pod that does not tolerate a NoExecute taint', async () => {
    const w = world();
    await w.addNode('node-1');
    w.beatEvery10s('node-1');
    await w.addPod('web-1', 'node-1');
    await w.addPod('db-1', 'node-1', [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute' }]);
    await w.advanceTo(5);
    await w.c.client.mutate('Node', 'node-1', (d: Node) => void ((d.spec ??= {}).taints = [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]));
    await w.advanceTo(5.001);
    expect(w.terminating('web-1')).toBe(true);
    await w.advanceTo(600);
    expect(w.terminating('db-1')).toBe(false);
  });

  it('should cancel pending evictions when heartbeats resume and the taints go', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.addPod('web-1', 'node-1');
    await w.advanceTo(100);
    expect(w.taints('node-1')).toContain(`${UNREACHABLE}:NoExecute`);
    w.beatEvery10s('node-1');
    await w.advanceTo(110);
    expect(w.taints('node-1')).toEqual([]);
    expect(w.events('TaintManagerEviction')).toEqual(['Pod/web-1: Cancelling deletion of Pod default/web-1']);
    await w.advanceTo(1000);
    expect(w.terminating('web-1')).toBe(false);
  });

  it('should reschedule when the tolerations allow less time, and cancel with the pod', async () => {
    const w = world();
    await w.addNode('node-1');
    await w.addPod('a', 'node-1');
    await w.addPod('b', 'node-1');
    await w.advanceTo(60);
    // tolerationSeconds may only be lowered on a running pod; the deadline still counts from the taint.
    await w.c.client.mutate('Pod', 'a', (d: { spec?: { tolerations?: { key?: string; tolerationSeconds?: number }[] } }) => {
      for (const t of d.spec?.tolerations ?? []) if (t.key === UNREACHABLE) t.tolerationSeconds = 20;
    }, { namespace: 'default' });
    await w.advanceTo(69);
    expect(w.terminating('a')).toBe(false);
    await w.advanceTo(70);
    expect(w.terminating('a')).toBe(true);
    await w.c.client.delete('Pod', 'b', { namespace: 'default', gracePeriodSeconds: 0 });
    await w.advanceTo(400);
    expect(w.events('TaintManagerEviction')).toEqual(['Pod/a: Marking for deletion Pod default/a', 'Pod/b: Cancelling deletion of Pod default/b']);
  });
});
