import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { ApiServer } from '../src/apiserver/apiServer.ts';
import { createBuiltinStrategy } from '../src/apiserver/builtinStrategy.ts';
import { createServiceAllocation } from '../src/apiserver/serviceAllocation.ts';
import { StatusError } from '../src/api/status.ts';
import { createIdSource } from '../src/runtime/sim/ids.ts';
import { createRng } from '../src/runtime/sim/rng.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { MemoryStore } from '../src/store/memoryStore.ts';
import { createProxyState, pickEndpoint } from '../src/networking/endpointPicker.ts';
import { podEndpoint, podEndpointPorts, selectsPod, shouldPodBeInEndpoints, slicePorts } from '../src/networking/podEndpoints.ts';
import { buildProxyRules, usableEndpoints } from '../src/networking/proxyRules.ts';
import { groupEndpoints, planSlices } from '../src/networking/slicePlan.ts';
import { heldValues } from '../src/networking/serviceFields.ts';
import { kubiaCluster } from '../src/testing/kubiaFixtures.ts';
import { setPodReady } from '../src/testing/networkFixtures.ts';

const APPS = ['a', 'b', 'c'] as const;
const SVC = { apiVersion: 'v1', kind: 'Service' };

const podArb = fc.record({ app: fc.constantFrom(...APPS), ready: fc.boolean(), terminating: fc.boolean(), hasIP: fc.boolean(), node: fc.constantFrom('n1', 'n2'), named: fc.boolean() });
const svcArb = fc.record({ app: fc.constantFrom(...APPS), named: fc.boolean(), itpLocal: fc.boolean(), etpLocal: fc.boolean() });

describe('services (properties)', () => {
  it('should only forward to endpoints of the right Service: selected, with an IP, ready (serving-terminating as last resort)', () => {
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 12 }), fc.array(svcArb, { minLength: 1, maxLength: 4 }), fc.integer(), (podSpecs, svcSpecs, seed) => {
        const pods: Pod[] = podSpecs.map((p, i) => ({
          metadata: { name: `p${i}`, namespace: 'default', uid: `u${i}`, labels: { app: p.app }, ...(p.terminating ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
          spec: { nodeName: p.node, containers: [{ name: 'c', ports: p.named ? [{ name: 'http', containerPort: 8080 }] : [] }] },
          status: { phase: 'Running', ...(p.hasIP ? { podIP: `10.244.0.${i + 2}` } : {}), conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }] },
        }));
        const services: Service[] = svcSpecs.map((s, i) => ({
          metadata: { name: `s${i}`, namespace: 'default', uid: `s${i}` },
          spec: { type: 'NodePort', clusterIP: `10.96.1.${i + 1}`, selector: { app: s.app }, ports: [{ port: 80, nodePort: 30000 + i, protocol: 'TCP', targetPort: s.named ? 'http' : 8080 }], internalTrafficPolicy: s.itpLocal ? 'Local' : 'Cluster', externalTrafficPolicy: s.etpLocal ? 'Local' : 'Cluster' },
        }));
        const slices: EndpointSlice[] = services.flatMap((svc) => {
          const items = pods.filter((p) => selectsPod(svc, p) && shouldPodBeInEndpoints(p, true)).map((p) => ({ ports: slicePorts(podEndpointPorts(svc, p)), endpoint: podEndpoint(svc, p) }));
          const labels = { 'kubernetes.io/service-name': svc.metadata?.name ?? '' };
          return planSlices(groupEndpoints(items), [], { namespace: 'default', generateName: 'x-', labels, ownerReferences: [] }, { maxPerSlice: 3 }).create;
        });
        const rules = buildProxyRules(services, slices);
        const state = createProxyState();
        const rng = createRng(seed);
        for (const rule of rules.rules) {
          const svc = services.find((s) => s.metadata?.name === rule.name) as Service;
          for (const [node, external] of [['n1', false], ['n2', true], [undefined, false]] as const) {
            const candidates = usableEndpoints(rule, node, external);
            for (let k = 0; k < 3; k++) {
              const ep = pickEndpoint(rule, candidates, { mode: 'iptables', rng, state, clientIP: '10.0.0.1', nowMs: 0 });
              if (ep === undefined) {
                expect(candidates).toHaveLength(0);
                continue;
              }
              const pod = pods.find((p) => p.metadata?.name === ep.pod?.name) as Pod;
              expect(selectsPod(svc, pod)).toBe(true);
              expect(pod.status?.podIP).toBe(ep.ip);
              const anyReady = rule.endpoints.some((e) => e.ready && ((external ? rule.externalTrafficPolicy : rule.internalTrafficPolicy) === 'Cluster' || e.nodeName === node));
              if (anyReady) expect(pod.status?.conditions?.[0]?.status === 'True' && pod.metadata?.deletionTimestamp === undefined).toBe(true);
              else expect(pod.metadata?.deletionTimestamp).toBeDefined();
              if ((external ? rule.externalTrafficPolicy : rule.internalTrafficPolicy) === 'Local') expect(ep.nodeName).toBe(node);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should never let ClusterIPs or NodePorts collide, and release them on delete (random create/update/delete)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), name: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'), type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'None', 'ExternalName'), ip: fc.option(fc.integer({ min: 0, max: 33 }), { nil: undefined }), nodePort: fc.option(fc.integer({ min: 29998, max: 30017 }), { nil: undefined }), ports: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), name: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6') }),
      fc.record({ kind: fc.constant('retype' as const), name: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'), type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName') }),
    );
    fc.assert(
      fc.property(fc.integer(), fc.array(op, { maxLength: 40 }), (seed, ops) => {
        const clock = new VirtualClock();
        const store = new MemoryStore({ now: () => clock.now() });
        const api = new ApiServer({ clock, ids: createIdSource(createRng(seed)), store, strategy: createBuiltinStrategy() });
        const alloc = createServiceAllocation({ store, rng: createRng(seed), serviceCIDR: '10.0.0.0/27', nodePortRange: '30000-30015' });
        api.addAdmission(alloc.plugin);
        for (const o of ops) {
          try {
            if (o.kind === 'create') {
              const headless = o.type === 'None';
              const type = headless ? 'ClusterIP' : o.type;
              const ports = Array.from({ length: o.ports }, (_, i) => ({ name: `p${i}`, port: 80 + i, ...(o.nodePort !== undefined && i === 0 && (type === 'NodePort' || type === 'LoadBalancer') ? { nodePort: o.nodePort } : {}) }));
              const ip = headless ? 'None' : o.ip !== undefined && type !== 'ExternalName' ? `10.0.0.${o.ip}` : undefined;
              api.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: o.name }, spec: { type, ports, ...(type === 'ExternalName' ? { externalName: 'example.com' } : { selector: { app: o.name } }), ...(ip !== undefined ? { clusterIP: ip } : {}) } });
            } else if (o.kind === 'delete') {
              api.delete(SVC, o.name, { namespace: 'default' });
            } else {
              const cur = api.get<Service>(SVC, o.name, 'default');
              if (cur.spec?.clusterIP === 'None') continue;
              api.update<Service>({ ...cur, spec: { ...cur.spec, type: o.type, ...(o.type === 'ExternalName' ? { externalName: 'example.com' } : {}) } });
            }
          } catch (e) {
            if (!(e instanceof StatusError)) throw e;
            expect([404, 409, 422, 500]).toContain(e.code);
          }
          // A refused request may hold values until the next request or repair (as upstream until its repair loop).
          alloc.repair();
          const held = store.list('services').items.map((s) => heldValues(s as Service));
          const ips = held.flatMap((h) => h.ips);
          const ports = held.flatMap((h) => h.ports);
          expect(new Set(ips).size).toBe(ips.length);
          expect(new Set(ports).size).toBe(ports.length);
          expect(alloc.ips.allocated().sort()).toEqual([...ips].sort());
          expect(alloc.nodePorts.allocated()).toEqual([...ports].sort((a, b) => a - b));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should route cluster traffic only to ready pods the Service selects, and DNS should agree with the store', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ app: fc.constantFrom(...APPS), ready: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ app: fc.constantFrom(...APPS), headless: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 1000 }),
        async (podSpecs, svcSpecs, seed) => {
          const { cluster } = await kubiaCluster({ seed });
          await cluster.apply(podSpecs.map((p, i): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, labels: { app: p.app } }, spec: { containers: [{ name: 'kubia', image: 'luksa/kubia' }] } })));
          await cluster.apply(svcSpecs.map((s, i): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: { selector: { app: s.app }, ports: [{ port: 80 }], ...(s.headless ? { clusterIP: 'None' } : {}) } })));
          await cluster.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as Pod);
          await cluster.settle({ quietMs: 3_000 });
          for (const [i, p] of podSpecs.entries()) if (!p.ready) await setPodReady(cluster, 'default', `p${i}`, false);
          await cluster.settle({ quietMs: 3_000 });
          const store = (await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default' })).items;
          for (const [i, s] of svcSpecs.entries()) {
            const svc = await cluster.client.get<'Service', Service>('Service', `s${i}`, { namespace: 'default' });
            const ep = await cluster.client.get<'Endpoints', Endpoints>('Endpoints', `s${i}`, { namespace: 'default' });
            const readyIPs = (ep.subsets ?? []).flatMap((x) => (x.addresses ?? []).map((a) => a.ip)).sort();
            const expected = store.filter((p) => p.metadata.labels?.['app'] === s.app && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).map((p) => p.status?.podIP ?? '').sort();
            expect(readyIPs).toEqual(expected);
            const dns = cluster.network.resolve(`s${i}.default.svc.cluster.local`);
            if (!s.headless) expect(dns).toMatchObject({ ok: true, addresses: [svc.spec?.clusterIP] });
            else if (readyIPs.length === 0) expect(dns).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
            else expect(dns.ok && [...dns.addresses].sort()).toEqual(readyIPs);
            for (let k = 0; k < 4; k++) {
              const r = cluster.network.request({ from: { pod: 'client' }, to: `s${i}` });
              if (readyIPs.length === 0) expect(r.ok).toBe(false);
              else expect(r.ok && readyIPs.includes(r.podIP ?? '')).toBe(true);
            }
          }
          expect(cluster.network.resolve('nosuch.default.svc.cluster.local')).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
          await cluster.stop();
        },
      ),
      { numRuns: 8 },
    );
  });
});
