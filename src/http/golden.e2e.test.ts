import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { findKubectl, startKubectlHarness, tableRows } from './kubectlHarness.ts';
import type { KubectlHarness } from './kubectlHarness.ts';

const KUBECTL = findKubectl();
const MISSING = 'kubectl is not installed: run .ci/install-system-deps (apt-get install -y kubectl)';
const inCI = (process.env['CI'] ?? '') !== '';

if (KUBECTL === undefined && inCI) {
  describe('kubectl golden tables', () => {
    it('should find kubectl on PATH', () => {
      throw new Error(MISSING);
    });
  });
}

// Ages, generated name suffixes and IPs differ from run to run (and from the seeds' minikube).
function normalize(cell: string): string {
  return cell
    .replace(/^(\d+[smhdy])+$/, '<age>')
    .replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '-<rand>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>');
}

function shape(text: string): string[][] {
  return tableRows(text).map((row) => row.map(normalize));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(KUBECTL === undefined)(`kubectl golden tables for the seeds' examples${KUBECTL === undefined ? ` (skipped: ${MISSING})` : ''}`, () => {
  let cluster: Cluster;
  let k: KubectlHarness;

  async function untilReady(args: readonly string[], column: number, want: readonly string[]): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = tableRows((await k.run(args)).stdout).slice(1);
      if (rows.length === want.length && rows.every((r, i) => r[column] === want[i])) return;
      if (Date.now() > deadline) throw new Error(`not ready: ${JSON.stringify(rows)}`);
      await sleep(300);
    }
  }

  beforeAll(async () => {
    cluster = createCluster({ clock: 'real', speed: 10, nodes: 3, startTime: Date.now(), seed: 21 });
    k = await startKubectlHarness(cluster, KUBECTL ?? 'kubectl');
    await k.ok(['apply', '-f', 'examples/kubia/']);
    await k.ok(['create', 'namespace', 'guestbook']);
    await k.ok(['apply', '-n', 'guestbook', '-f', 'examples/guestbook/']);
    await untilReady(['get', 'rc'], 3, ['3']);
    await untilReady(['get', 'rc', '-n', 'guestbook'], 3, ['3', '1', '2']);
  });

  afterAll(async () => {
    await k.close();
    await cluster.stop();
  });

  it('should print the kubia RC as seeds-003a §21.3 captured it (get rc -o wide)', async () => {
    const seed = `NAME       DESIRED   CURRENT   READY   AGE     CONTAINERS   IMAGES        SELECTOR
kubia-rc   3         3         3       3m31s   kubia        luksa/kubia   app=kubia`;
    expect(shape(await k.ok(['get', 'rc', '-o', 'wide']))).toEqual(shape(seed));
  });

  it('should print the kubia pods with their labels as seeds-003a §21.2.3 (get po --show-labels)', async () => {
    const seed = `NAME             READY   STATUS    RESTARTS   AGE     LABELS
kubia-rc-qdp5c   1/1     Running   0          10m     app=kubia
kubia-rc-rrqd9   1/1     Running   0          4m42s   app=kubia
kubia-rc-w5bvv   1/1     Running   0          10m     app=kubia`;
    expect(shape(await k.ok(['get', 'po', '--show-labels']))).toEqual(shape(seed));
    const wide = shape(await k.ok(['get', 'po', '-o', 'wide']));
    expect(wide[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(wide.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[7], r[8]])).toEqual(Array(3).fill(['kubia-rc-<rand>', '1/1', 'Running', '<ip>', '<none>', '<none>']));
  });

  it('should print the services as seeds-003a §26.4 (get svc), the kubernetes Service at 10.96.0.1', async () => {
    const seed = `NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE
kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   3d15h
kubia-svc    ClusterIP   10.101.87.239   <none>        80/TCP    13s`;
    const out = await k.ok(['get', 'svc']);
    expect(shape(out)).toEqual(shape(seed));
    expect(tableRows(out)[1]?.[2]).toBe('10.96.0.1');
  });

  it('should describe the kubia Service with the fields of seeds-003a §26.6', async () => {
    const out = await k.ok(['describe', 'svc', 'kubia-svc']);
    const fields = out.split('\n').filter((l) => /^[A-Z][A-Za-z ]+:/.test(l)).map((l) => l.split(':')[0]);
    expect(fields).toEqual(expect.arrayContaining(['Name', 'Namespace', 'Labels', 'Annotations', 'Selector', 'Type', 'IP', 'IPs', 'Port', 'TargetPort', 'Endpoints', 'Session Affinity', 'Events']));
    expect(out).toMatch(/\nSelector:\s+app=kubia\n/);
    expect(out).toMatch(/\nPort:\s+kubia-port\s+80\/TCP\n/);
    expect(out).toMatch(/\nTargetPort:\s+8080\/TCP\n/);
    expect(out).toMatch(/\nEndpoints:\s+\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080\n/);
    expect(out).toMatch(/\nSession Affinity:\s+None\n/);
  });

  it('should describe the kubia RC as seeds-003a §21.3 captured it', async () => {
    const out = await k.ok(['describe', 'rc', 'kubia-rc']);
    expect(out).toMatch(/^Name:\s+kubia-rc\nNamespace:\s+default\nSelector:\s+app=kubia\nLabels:\s+app=kubia\nAnnotations:\s+<none>\nReplicas:\s+3 current \/ 3 desired\nPods Status:\s+3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\nPod Template:\n\s+Labels:\s+app=kubia\n\s+Containers:\n\s+kubia:\n\s+Image:\s+luksa\/kubia\n\s+Port:\s+8080\/TCP\n\s+Host Port:\s+0\/TCP\n/);
    const created = out.split('\n').filter((l) => /Normal\s+SuccessfulCreate\s+\S+\s+replication-controller\s+Created pod: kubia-rc-[a-z0-9]{5}$/.test(l));
    expect(created).toHaveLength(3);
  });

  it('should print the GuestBook RCs, Services and pods in the column shapes of seeds-003a §7', async () => {
    const rcs = `NAME           DESIRED   CURRENT   READY   AGE
frontend       3         3         3       96m
redis-master   1         1         1       96m
redis-slave    2         2         2       96m`;
    expect(shape(await k.ok(['get', 'rc', '-n', 'guestbook']))).toEqual(shape(rcs));
    const services = `NAME           TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)        AGE
frontend       NodePort    10.254.100.1     <none>        80:30001/TCP   96m
redis-master   ClusterIP   10.254.213.212   <none>        6379/TCP       96m
redis-slave    ClusterIP   10.254.200.2     <none>        6379/TCP       96m`;
    expect(shape(await k.ok(['get', 'svc', '-n', 'guestbook']))).toEqual(shape(services));
    const pods = shape(await k.ok(['get', 'pods', '-n', 'guestbook']));
    expect(pods[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods.slice(1)).toEqual([
      ['frontend-<rand>', '1/1', 'Running', '0', '<age>'],
      ['frontend-<rand>', '1/1', 'Running', '0', '<age>'],
      ['frontend-<rand>', '1/1', 'Running', '0', '<age>'],
      ['redis-master-<rand>', '1/1', 'Running', '0', '<age>'],
      ['redis-slave-<rand>', '1/1', 'Running', '0', '<age>'],
      ['redis-slave-<rand>', '1/1', 'Running', '0', '<age>'],
    ]);
  });
});
