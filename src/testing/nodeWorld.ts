import type { Node, NodeCondition, Pod, PodStatus, Toleration } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../apiserver/timestamps.ts';
import { recordCoverage } from '../inspect/coverage.ts';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { ClusterOptions } from '../runtime/cluster/clusterTypes.ts';
import { readyNode, runningPodStatus } from './fakeKubelet.ts';

/** One second of cluster time. */
export const S = 1000;

/**
 * A cluster with hand-made nodes for node lifecycle tests: no kubelet, no scheduler, no workload
 * controllers; heartbeats are NodeStatus posts the test makes on the cluster clock. Statechart
 * coverage is recorded.
 */
export function nodeWorld(options: ClusterOptions = {}) {
  const c = createCluster({ builtinControllers: false, scheduler: { disabled: true }, inspect: recordCoverage(), ...options });
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
