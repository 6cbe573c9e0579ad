import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import type { KubeObject } from '../api/meta.ts';
import { findKubectl, startKubectlHarness, tableRows } from './kubectlHarness.ts';
import type { KubectlHarness } from './kubectlHarness.ts';

const KUBECTL = findKubectl();
const MISSING = 'kubectl is not installed: run .ci/install-system-deps (apt-get install -y kubectl)';
const inCI = (process.env['CI'] ?? '') !== '';

if (KUBECTL === undefined && inCI) {
  describe('kubectl against kubeactors serve', () => {
    it('should find kubectl on PATH', () => {
      throw new Error(MISSING);
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const APP = `apiVersion: v1
kind: ConfigMap
metadata: { name: app-config }
data: { greeting: hello }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.25
          ports: [{ containerPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
`;

describe.skipIf(KUBECTL === undefined)(`kubectl against kubeactors serve${KUBECTL === undefined ? ` (skipped: ${MISSING})` : ''}`, () => {
  let cluster: Cluster;
  let k: KubectlHarness;

  async function until(what: string, args: readonly string[], check: (out: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = (await k.run(args)).stdout;
      if (check(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; last output:\n${last}`);
      await sleep(250);
    }
  }

  beforeAll(async () => {
    cluster = createCluster({ clock: 'real', speed: 10, nodes: 2, startTime: Date.now(), seed: 5 });
    k = await startKubectlHarness(cluster, KUBECTL ?? 'kubectl', {
      users: { 'viewer-token': { name: 'viewer', groups: ['system:authenticated'] } },
      authorize: (a) => (a.user.name === 'viewer' && !['get', 'list', 'watch'].includes(a.verb) ? { allowed: false, reason: 'viewer is read-only' } : { allowed: true }),
    });
    await k.ok(['apply', '-f', 'examples/guestbook/']);
  });

  afterAll(async () => {
    await k.close();
    await cluster.stop();
  });

  it('should apply a multi-document file, report unchanged on re-apply and configured after a change', async () => {
    const file = k.file('app.yaml', APP);
    expect(await k.ok(['apply', '-f', file])).toBe('configmap/app-config created\ndeployment.apps/web created\nservice/web created\n');
    expect(await k.ok(['apply', '-f', file])).toBe('configmap/app-config unchanged\ndeployment.apps/web unchanged\nservice/web unchanged\n');
    k.file('app.yaml', APP.replace('greeting: hello', 'greeting: hi'));
    expect(await k.ok(['apply', '-f', file])).toBe('configmap/app-config configured\ndeployment.apps/web unchanged\nservice/web unchanged\n');
    expect(await k.ok(['get', 'cm', 'app-config', '-o', 'jsonpath={.data.greeting}'])).toBe('hi');
  });

  it('should print tables, wide tables, json, yaml, jsonpath and custom columns', async () => {
    expect(tableRows(await k.ok(['get', 'rc']))[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(tableRows(await k.ok(['get', 'rc', '-o', 'wide']))[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const svc = JSON.parse(await k.ok(['get', 'svc', 'redis-master', '-o', 'json'])) as { spec: { ports: { port: number }[] } };
    expect(svc.spec.ports[0]?.port).toBe(6379);
    expect(await k.ok(['get', 'svc', 'frontend', '-o', 'yaml'])).toMatch(/^apiVersion: v1\nkind: Service\n/);
    expect(await k.ok(['get', 'rc', '-o', 'jsonpath={.items[*].metadata.name}'])).toBe('frontend redis-master redis-slave');
    expect(tableRows(await k.ok(['get', 'rc', '-o', 'custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas']))).toEqual([['NAME', 'REPLICAS'], ['frontend', '3'], ['redis-master', '1'], ['redis-slave', '2']]);
  });

  it('should select with set-based label selectors and list across namespaces with -A', async () => {
    const names = (out: string): string[] => out.trim().split('\n').map((l) => l.replace(/-[a-z0-9]{5}$/, '-*').replace(/^pod\//, ''));
    expect(names(await k.ok(['get', 'pods', '-l', 'name in (redis-master,redis-slave)', '-o', 'name']))).toEqual(['redis-master-*', 'redis-slave-*', 'redis-slave-*']);
    expect(names(await k.ok(['get', 'pods', '-l', 'name,name notin (frontend,redis-slave)', '-o', 'name']))).toEqual(['redis-master-*']);
    const all = tableRows(await k.ok(['get', 'svc', '-A']));
    expect(all[0]?.slice(0, 3)).toEqual(['NAMESPACE', 'NAME', 'TYPE']);
    expect(all).toContainEqual(expect.arrayContaining(['default', 'kubernetes', 'ClusterIP', '10.96.0.1']));
  });

  it('should print later changes with get --watch', async () => {
    const watched = await k.runFor(['get', 'cm', '--watch'], 8000, async (output) => {
      for (let i = 0; i < 100 && !output().includes('app-config'); i++) await sleep(50);
      await k.ok(['create', 'configmap', 'aa-watched', '--from-literal=a=b']);
    });
    const rows = tableRows(watched.stdout);
    expect(rows[0]).toEqual(['NAME', 'DATA', 'AGE']);
    expect(rows.filter((r) => r[0] === 'NAME')).toHaveLength(1);
    // Listed rows come sorted by name; the one printed after them came from the watch.
    expect(rows.findIndex((r) => r[0] === 'aa-watched')).toBeGreaterThan(rows.findIndex((r) => r[0] === 'app-config'));
  });

  it('should describe an object with its events', async () => {
    const out = await k.ok(['describe', 'rc', 'redis-master']);
    expect(out).toMatch(/^Name:\s+redis-master\nNamespace:\s+default\nSelector:\s+name=redis-master\n/);
    expect(out).toMatch(/Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n[\s-]+\n\s+Normal\s+SuccessfulCreate\s+\S+\s+replication-controller\s+Created pod: redis-master-[a-z0-9]{5}\n/);
  });

  it('should create and delete with --cascade=orphan and --cascade=foreground', async () => {
    await k.ok(['create', 'deployment', 'casc', '--image=nginx', '--replicas=1']);
    await until('the ReplicaSet exists', ['get', 'rs', '-l', 'app=casc', '-o', 'name'], (o) => o.startsWith('replicaset.apps/casc-'));
    expect(await k.ok(['delete', 'deployment', 'casc', '--cascade=orphan'])).toBe('deployment.apps "casc" deleted\n');
    await until('the orphaned ReplicaSet lost its owner', ['get', 'rs', '-l', 'app=casc', '-o', 'jsonpath={.items[*].metadata.ownerReferences}'], (o) => o === '');
    expect(await k.ok(['delete', 'rs', '-l', 'app=casc', '--cascade=foreground'])).toMatch(/^replicaset.apps "casc-[a-z0-9]+" deleted\n$/);
    expect((await k.run(['get', 'rs', '-l', 'app=casc'])).stderr).toBe('No resources found in default namespace.\n');
  });

  it('should scale a replication controller', async () => {
    expect(await k.ok(['scale', 'rc', 'redis-slave', '--replicas=3'])).toBe('replicationcontroller/redis-slave scaled\n');
    await until('three slave pods exist', ['get', 'pods', '-l', 'name=redis-slave', '-o', 'name'], (o) => o.trim().split('\n').length === 3);
  });

  it('should label and annotate, refusing to overwrite without --overwrite, and remove them', async () => {
    expect(await k.ok(['label', 'svc', 'redis-master', 'tier=backend'])).toBe('service/redis-master labeled\n');
    const again = await k.run(['label', 'svc', 'redis-master', 'tier=db']);
    expect(again.stderr).toBe("error: 'tier' already has a value (backend), and --overwrite is false\n");
    await k.ok(['label', 'svc', 'redis-master', 'tier=db', '--overwrite']);
    expect(await k.ok(['get', 'svc', 'redis-master', '-o', 'jsonpath={.metadata.labels.tier}'])).toBe('db');
    expect(await k.ok(['label', 'svc', 'redis-master', 'tier-'])).toBe('service/redis-master unlabeled\n');
    expect(await k.ok(['annotate', 'svc', 'redis-master', 'note=first'])).toBe('service/redis-master annotated\n');
    await k.ok(['annotate', 'svc', 'redis-master', 'note=second', '--overwrite']);
    expect(await k.ok(['get', 'svc', 'redis-master', '-o', 'jsonpath={.metadata.annotations.note}'])).toBe('second');
    await k.ok(['annotate', 'svc', 'redis-master', 'note-']);
    expect(await k.ok(['get', 'svc', 'redis-master', '-o', 'jsonpath={.metadata.labels}'])).toBe('{"name":"redis-master"}');
  });

  it('should wait for a condition set through the API', async () => {
    await k.ok(['apply', '-f', k.file('waiter.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: waiter }\nspec:\n  schedulerName: nobody\n  containers: [{ name: c, image: busybox }]\n')]);
    const waiting = k.run(['wait', '--for=condition=Ready', 'pod/waiter', '--timeout=20s']);
    await sleep(1000);
    const pod = cluster.api.get({ apiVersion: 'v1', kind: 'Pod' }, 'waiter', 'default');
    cluster.api.update({ ...pod, status: { conditions: [{ type: 'Ready', status: 'True' }] } } as KubeObject, { subresource: 'status' });
    expect(await waiting).toEqual({ code: 0, stdout: 'pod/waiter condition met\n', stderr: '' });
  });

  it('should explain fields from the OpenAPI documents and list api-resources', async () => {
    const explained = await k.ok(['explain', 'deployment.spec.replicas']);
    expect(explained).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>\n/);
    expect(explained).toContain('Number of desired pods.');
    expect(await k.ok(['explain', 'pods.spec.containers'])).toContain('FIELD: containers <[]Container>');
    expect(tableRows(await k.ok(['api-resources']))).toContainEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
  });

  it('should answer auth can-i through the authorization hook', async () => {
    expect(await k.ok(['auth', 'can-i', 'create', 'pods'])).toBe('yes\n');
    const viewer = ['--token', 'viewer-token'];
    expect(await k.run([...viewer, 'auth', 'can-i', 'create', 'pods'])).toMatchObject({ code: 1, stdout: 'no - viewer is read-only\n' });
    expect(await k.ok([...viewer, 'auth', 'can-i', 'list', 'pods'])).toBe('yes\n');
    expect((await k.run([...viewer, 'delete', 'svc', 'frontend'])).stderr).toBe('Error from server (Forbidden): services "frontend" is forbidden: User "viewer" cannot delete resource "services" in API group "" in the namespace "default": viewer is read-only\n');
  });

  it('should patch with strategic merge, merge and JSON patches', async () => {
    await k.ok(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}']);
    expect(await k.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].image} {.spec.template.spec.containers[0].ports[0].containerPort}'])).toBe('nginx:1.26 80');
    await k.ok(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"patched":"merge"}}}']);
    await k.ok(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":3}]']);
    expect(await k.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.labels.patched} {.spec.replicas}'])).toBe('merge 3');
  });

  it('should apply server-side, report conflicts with other managers and force them', async () => {
    const file = k.file('ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ssa }\ndata: { a: "1" }\n');
    expect(await k.ok(['apply', '--server-side', '-f', file])).toBe('configmap/ssa serverside-applied\n');
    await k.ok(['patch', 'cm', 'ssa', '--type=merge', '-p', '{"data":{"a":"2"}}']);
    const clash = await k.run(['apply', '--server-side', '-f', file]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl-patch" using v1 at \S+: \.data\.a\n/);
    expect(await k.ok(['apply', '--server-side', '--force-conflicts', '-f', file])).toBe('configmap/ssa serverside-applied\n');
    expect(await k.ok(['get', 'cm', 'ssa', '-o', 'jsonpath={.data.a}'])).toBe('1');
  });

  it('should serve custom resources of a CRD: printer columns, explain, merge patches (strategic ones refused)', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  names: { kind: Widget, plural: widgets, singular: widget, shortNames: [wd] }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      additionalPrinterColumns: [{ name: Size, type: integer, jsonPath: .spec.size }]
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: { type: object, properties: { size: { type: integer, description: How big the widget is. } } }
`;
    await k.ok(['apply', '-f', k.file('crd.yaml', crd)]);
    await until('the Widget kind is served', ['api-resources', '--api-group=example.com'], (o) => o.includes('Widget'));
    await k.ok(['apply', '-f', k.file('widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w1 }\nspec: { size: 3 }\n')]);
    expect(tableRows(await k.ok(['get', 'wd'])).map((r) => r.slice(0, 2))).toEqual([['NAME', 'SIZE'], ['w1', '3']]);
    expect(await k.ok(['explain', 'widgets.spec.size'])).toMatch(/FIELD: size <integer>\n\n\nDESCRIPTION:\n\s+How big the widget is\./);
    expect((await k.run(['patch', 'wd', 'w1', '-p', '{"spec":{"size":4}}'])).stderr).toBe('error: application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n');
    await k.ok(['patch', 'wd', 'w1', '--type=merge', '-p', '{"spec":{"size":4}}']);
    expect(await k.ok(['get', 'wd', 'w1', '-o', 'jsonpath={.spec.size}'])).toBe('4');
  });

  it('should follow rollouts, cordon nodes, read logs, and say the metrics API is missing for top', async () => {
    expect(await k.ok(['rollout', 'status', 'deployment/web', '--timeout=60s'], 70_000)).toContain('deployment "web" successfully rolled out');
    expect(await k.ok(['cordon', 'node-1'])).toBe('node/node-1 cordoned\n');
    expect(await k.ok(['get', 'node', 'node-1', '-o', 'jsonpath={.spec.unschedulable}'])).toBe('true');
    await k.ok(['uncordon', 'node-1']);
    const pod = (await until('a running redis-master pod', ['get', 'pods', '-l', 'name=redis-master', '--field-selector=status.phase=Running', '-o', 'name'], (o) => o.startsWith('pod/'))).trim();
    expect((await k.run(['logs', pod])).code).toBe(0);
    expect((await k.run(['top', 'pods'])).stderr).toBe('error: Metrics API not available\n');
  });
});
