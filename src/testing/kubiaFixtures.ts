import type { Cluster, ClusterOptions } from '../runtime/cluster/clusterTypes.ts';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import { startFakeKubelet } from './fakeKubelet.ts';
import type { FakeKubelet, FakeKubeletOptions } from './fakeKubelet.ts';
import { addNodes } from './networkFixtures.ts';

/** The luksa/kubia app's answer (the book's "You've hit <hostname>"), as an image profile. */
export const KUBIA_PROFILES = { 'luksa/kubia': { http: { body: "You've hit {{hostname}}\n" } } } as const;

/** The book's `kubia` ReplicaSet: pods labelled app=kubia serving `http` on 8080. */
export function kubiaReplicaSet(replicas = 3, name = 'kubia', labels: Readonly<Record<string, string>> = { app: 'kubia' }): string {
  const l = Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: ${name} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { ${l} } }
  template:
    metadata: { labels: { ${l} } }
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports: [{ name: http, containerPort: 8080 }]
`;
}

/** A pod to send requests from (`kubectl exec client -- curl …`). */
export const CLIENT_POD = `apiVersion: v1
kind: Pod
metadata: { name: client, labels: { app: client } }
spec:
  containers:
  - name: curl
    image: curlimages/curl
    command: [sleep, '3600']
`;

/** A cluster with three addressed nodes, a fake kubelet and the kubia image profile. */
export async function kubiaCluster(options: ClusterOptions = {}, kubelet: FakeKubeletOptions = {}): Promise<{ cluster: Cluster; kubelet: FakeKubelet }> {
  // The fake kubelet does not heartbeat: keep the node lifecycle controller from marking nodes unreachable.
  const cluster = createCluster({ seed: 7, nodeMonitorGracePeriodMs: 24 * 3_600_000, ...options, network: { profiles: KUBIA_PROFILES, ...options.network } });
  const k = await startFakeKubelet(cluster, { nodes: [], readyAfterMs: 1000, ...kubelet });
  await addNodes(cluster, { 'node-1': '192.168.49.2', 'node-2': '192.168.49.3', 'node-3': '192.168.49.4' });
  return { cluster, kubelet: k };
}
