import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/status.ts';
import { createIdSource } from '../runtime/sim/ids.ts';
import { createRng } from '../runtime/sim/rng.ts';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import { MemoryStore } from '../store/memoryStore.ts';
import { ApiServer } from './apiServer.ts';
import { createBuiltinStrategy } from './builtinStrategy.ts';
import { createServiceAllocation } from './serviceAllocation.ts';

function setup(opts: { serviceCIDR?: string; nodePortRange?: string } = {}) {
  const clock = new VirtualClock();
  const store = new MemoryStore({ now: () => clock.now() });
  const api = new ApiServer({ clock, ids: createIdSource(createRng(1)), store, strategy: createBuiltinStrategy() });
  const alloc = createServiceAllocation({ store, rng: createRng(5), ...opts });
  api.addAdmission(alloc.plugin);
  return { api, alloc };
}

const svc = (name: string, spec: Service['spec'] = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
});

function errorOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

const SVC = { apiVersion: 'v1', kind: 'Service' };

describe('createServiceAllocation', () => {
  it('should allocate a ClusterIP from the CIDR and keep it across updates', () => {
    const { api, alloc } = setup();
    const s = api.create(svc('kubia'));
    const ip = s.spec?.clusterIP ?? '';
    expect(alloc.ips.has(ip)).toBe(true);
    expect(s.spec?.clusterIPs).toEqual([ip]);
    // A replace without the clusterIP keeps the allocated one.
    const replaced = api.update({ ...svc('kubia'), metadata: { name: 'kubia' } });
    expect(replaced.spec?.clusterIP).toBe(ip);
    const changed = errorOf(() => api.update({ ...replaced, spec: { ...replaced.spec, clusterIP: '10.96.0.77', clusterIPs: ['10.96.0.77'] } }));
    expect(changed.code).toBe(422);
    expect(changed.message).toContain('spec.clusterIPs[0]: Invalid value: ["10.96.0.77"]: may not change once set');
  });

  it('should honour a requested IP and refuse a taken or out-of-range one', () => {
    const { api } = setup();
    expect(api.create(svc('kube-dns', { clusterIP: '10.96.0.10' })).spec?.clusterIP).toBe('10.96.0.10');
    const taken = errorOf(() => api.create(svc('other', { clusterIP: '10.96.0.10' })));
    expect(taken.code).toBe(422);
    expect(taken.message).toBe('Service "other" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    expect(taken.causes).toEqual([{ reason: 'FieldValueInvalid', field: 'spec.clusterIPs', message: 'Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated' }]);
    const outside = errorOf(() => api.create(svc('dns', { clusterIP: '169.169.0.100' })));
    expect(outside.message).toBe('Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"169.169.0.100"}: failed to allocate IP 169.169.0.100: the provided IP (169.169.0.100) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
  });

  it('should use a configured CIDR (the book’s 169.169.0.0/16)', () => {
    const { api } = setup({ serviceCIDR: '169.169.0.0/16' });
    expect(api.create(svc('kube-dns', { clusterIP: '169.169.0.100' })).spec?.clusterIP).toBe('169.169.0.100');
    expect(api.create(svc('web')).spec?.clusterIP).toMatch(/^169\.169\./);
  });

  it('should allocate nothing for headless and ExternalName Services', () => {
    const { api, alloc } = setup();
    expect(api.create(svc('kubia-headless', { clusterIP: 'None' })).spec?.clusterIP).toBe('None');
    const ext = api.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'external-service' }, spec: { type: 'ExternalName', externalName: 'kubia.scorpion.com', ports: [{ port: 80 }] } });
    expect(ext.spec?.clusterIP).toBeUndefined();
    expect(alloc.ips.count()).toBe(0);
  });

  it('should release the IP on delete so a recreated Service can get it again', () => {
    const { api, alloc } = setup();
    api.create(svc('a', { clusterIP: '10.96.0.50' }));
    api.delete(SVC, 'a', { namespace: 'default' });
    expect(alloc.ips.has('10.96.0.50')).toBe(false);
    expect(api.create(svc('b', { clusterIP: '10.96.0.50' })).spec?.clusterIP).toBe('10.96.0.50');
  });

  it('should free values taken by a request that then failed', () => {
    const { api, alloc } = setup();
    // Invalid (no ports) after allocation: the validation error wins and the IP comes back.
    const bad = errorOf(() => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad' }, spec: { clusterIP: '10.96.0.20' } }));
    expect(bad.message).toContain('spec.ports: Required value');
    api.create(svc('dry', { clusterIP: '10.96.0.21' }), { dryRun: 'All' });
    expect(api.create(svc('good', { clusterIP: '10.96.0.20' })).spec?.clusterIP).toBe('10.96.0.20');
    expect(api.create(svc('good2', { clusterIP: '10.96.0.21' })).spec?.clusterIP).toBe('10.96.0.21');
    expect(alloc.ips.allocated().sort()).toEqual(['10.96.0.20', '10.96.0.21']);
  });

  it('should allocate and refuse node ports like kube-apiserver', () => {
    const { api, alloc } = setup();
    const a = api.create(svc('frontend', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }));
    expect(a.spec?.ports?.[0]?.nodePort).toBe(30001);
    const dup = errorOf(() => api.create(svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] })));
    expect(dup.message).toBe('Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated');
    const range = errorOf(() => api.create(svc('webapp', { type: 'NodePort', ports: [{ port: 8080, nodePort: 8081 }] })));
    expect(range.message).toBe('Service "webapp" is invalid: spec.ports[0].nodePort: Invalid value: 8081: provided port is not in the valid range. The range of valid ports is 30000-32767');
    const auto = api.create(svc('auto', { type: 'LoadBalancer', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }));
    const [p0, p1] = auto.spec?.ports ?? [];
    expect(p0?.nodePort).toBeGreaterThanOrEqual(30000);
    // Ports with the same number share one node port, as upstream.
    expect(p1?.nodePort).toBe(p0?.nodePort);
    expect(alloc.nodePorts.count()).toBe(2);
  });

  it('should take node ports from a configured range (the book’s 1-65535)', () => {
    const { api } = setup({ nodePortRange: '1-65535' });
    expect(api.create(svc('webapp', { type: 'NodePort', ports: [{ port: 8080, targetPort: 8080, nodePort: 8081 }] })).spec?.ports?.[0]?.nodePort).toBe(8081);
  });

  it('should release node ports on a change to ClusterIP and allocate on a change back', () => {
    const { api, alloc } = setup();
    const np = api.create(svc('web', { type: 'NodePort' }));
    const port = np.spec?.ports?.[0]?.nodePort ?? 0;
    expect(alloc.nodePorts.has(port)).toBe(true);
    const asClusterIP = api.update({ ...np, spec: { ...np.spec, type: 'ClusterIP' } });
    expect(asClusterIP.spec?.ports?.[0]?.nodePort).toBeUndefined();
    expect(asClusterIP.spec?.externalTrafficPolicy).toBeUndefined();
    expect(alloc.nodePorts.has(port)).toBe(false);
    const back = api.update({ ...asClusterIP, spec: { ...asClusterIP.spec, type: 'NodePort' } });
    expect(alloc.nodePorts.has(back.spec?.ports?.[0]?.nodePort ?? 0)).toBe(true);
    api.delete(SVC, 'web', { namespace: 'default' });
    expect(alloc.nodePorts.count()).toBe(0);
    expect(alloc.ips.count()).toBe(0);
  });

  it('should allocate a health-check node port for LoadBalancer with externalTrafficPolicy Local', () => {
    const { api, alloc } = setup();
    const lb = api.create(svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
    expect(lb.spec?.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(alloc.nodePorts.count()).toBe(2);
  });

  it('should allocate a ClusterIP when an ExternalName Service becomes ClusterIP, and free it on the way back', () => {
    const { api, alloc } = setup();
    const ext = api.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com', ports: [{ port: 80 }] } });
    const cip = api.update<Service>({ ...ext, spec: { ports: [{ port: 80 }], type: 'ClusterIP' } });
    expect(alloc.ips.has(cip.spec?.clusterIP ?? '')).toBe(true);
    api.update({ ...cip, spec: { ...cip.spec, type: 'ExternalName', externalName: 'example.com' } });
    expect(alloc.ips.count()).toBe(0);
  });
});
