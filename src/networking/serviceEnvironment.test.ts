import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { createIdSource } from '../runtime/sim/ids.ts';
import { createRng } from '../runtime/sim/rng.ts';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import { MemoryStore } from '../store/memoryStore.ts';
import { ApiServer } from '../apiserver/apiServer.ts';
import { createBuiltinStrategy } from '../apiserver/builtinStrategy.ts';
import { containerEnvironment, envFromServices, expandEnv, serviceEnvironment } from './serviceEnvironment.ts';
import { createServiceLinks } from './serviceLinks.ts';

const service = (name: string, ns: string, clusterIP: string, ports: NonNullable<NonNullable<Service['spec']>['ports']>): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { clusterIP, ports },
});
const KUBERNETES = service('kubernetes', 'default', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]);
const pod = (ns: string, extra: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ metadata: { name: 'p', namespace: ns }, spec: { containers: [{ name: 'c' }], ...extra } });

describe('serviceEnvironment', () => {
  it('should produce the kubia-svc variables', () => {
    const env = envFromServices([service('kubia-svc', 'default', '10.101.87.239', [{ name: 'kubia-port', port: 80, protocol: 'TCP' }])]);
    expect(Object.fromEntries(env.map((e) => [e.name, e.value]))).toEqual({
      KUBIA_SVC_SERVICE_HOST: '10.101.87.239',
      KUBIA_SVC_SERVICE_PORT: '80',
      KUBIA_SVC_SERVICE_PORT_KUBIA_PORT: '80',
      KUBIA_SVC_PORT: 'tcp://10.101.87.239:80',
      KUBIA_SVC_PORT_80_TCP: 'tcp://10.101.87.239:80',
      KUBIA_SVC_PORT_80_TCP_PROTO: 'tcp',
      KUBIA_SVC_PORT_80_TCP_PORT: '80',
      KUBIA_SVC_PORT_80_TCP_ADDR: '10.101.87.239',
    });
  });

  it('should include kubernetes always, same-namespace Services only with service links, and skip headless', () => {
    const redis = service('redis-master', 'default', '10.99.1.2', [{ port: 6379, protocol: 'TCP' }]);
    const other = service('elsewhere', 'prod', '10.99.1.3', [{ port: 80, protocol: 'TCP' }]);
    const headless = service('db', 'default', 'None', [{ port: 5432, protocol: 'TCP' }]);
    const names = (p: Pod) => serviceEnvironment(p, [KUBERNETES, redis, other, headless]).map((e) => e.name);
    expect(names(pod('default'))).toContain('REDIS_MASTER_SERVICE_HOST');
    expect(names(pod('default'))).not.toContain('ELSEWHERE_SERVICE_HOST');
    expect(names(pod('default')).some((n) => n.startsWith('DB_'))).toBe(false);
    expect(names(pod('prod'))).toEqual(expect.arrayContaining(['ELSEWHERE_SERVICE_HOST', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT_HTTPS']));
    const noLinks = names(pod('default', { enableServiceLinks: false }));
    expect(noLinks).toContain('KUBERNETES_SERVICE_HOST');
    expect(noLinks).not.toContain('REDIS_MASTER_SERVICE_HOST');
  });

  it('should expand $(VAR) like the kubelet', () => {
    const vars: Record<string, string> = { A: 'x', B: 'y' };
    const look = (n: string) => vars[n];
    expect(expandEnv('$(A)-$(B)', look)).toBe('x-y');
    expect(expandEnv('$(MISSING)', look)).toBe('$(MISSING)');
    expect(expandEnv('$$(A)', look)).toBe('$(A)');
    expect(expandEnv('cost $5 $(A', look)).toBe('cost $5 $(A');
  });

  it('should let the container override service variables and refer to them', () => {
    const env = containerEnvironment(
      { name: 'c', env: [{ name: 'REDIS', value: 'redis://$(REDIS_MASTER_SERVICE_HOST):6379' }, { name: 'REDIS_MASTER_SERVICE_PORT', value: 'mine' }] },
      [{ name: 'REDIS_MASTER_SERVICE_HOST', value: '10.0.0.9' }, { name: 'REDIS_MASTER_SERVICE_PORT', value: '6379' }],
    );
    expect(env).toEqual({ REDIS: 'redis://10.0.0.9:6379', REDIS_MASTER_SERVICE_HOST: '10.0.0.9', REDIS_MASTER_SERVICE_PORT: 'mine' });
  });
});

describe('createServiceLinks', () => {
  it('should give a pod only the Services that existed when it was created (GuestBook ordering)', () => {
    const clock = new VirtualClock();
    const store = new MemoryStore({ now: () => clock.now() });
    const api = new ApiServer({ clock, ids: createIdSource(createRng(1)), store, strategy: createBuiltinStrategy() });
    const links = createServiceLinks(store);
    const mk = (name: string) => api.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { name: 'frontend' } }, spec: { containers: [{ name: 'php', image: 'kubeguide/guestbook-php-frontend', env: [{ name: 'GET_HOSTS_FROM', value: 'env' }, { name: 'ME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] } });
    const early = mk('frontend-early');
    api.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis-master' }, spec: { clusterIP: '10.96.5.5', selector: { name: 'redis-master' }, ports: [{ port: 6379 }] } });
    const late = mk('frontend-late');
    expect(links.environment(early, 'php')['REDIS_MASTER_SERVICE_HOST']).toBeUndefined();
    expect(links.environment(early, 'php')['GET_HOSTS_FROM']).toBe('env');
    expect(links.environment(early, 'php')['ME']).toBe('frontend-early');
    expect(links.environment(late, 'php')).toMatchObject({ REDIS_MASTER_SERVICE_HOST: '10.96.5.5', REDIS_MASTER_SERVICE_PORT: '6379', REDIS_MASTER_PORT: 'tcp://10.96.5.5:6379' });
    // A deleted Service leaves the environment of pods that saw it.
    api.delete({ apiVersion: 'v1', kind: 'Service' }, 'redis-master', { namespace: 'default' });
    expect(links.environment(late, 'php')['REDIS_MASTER_SERVICE_HOST']).toBeUndefined();
    links.stop();
  });
});
