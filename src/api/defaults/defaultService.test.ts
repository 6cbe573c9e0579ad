import { describe, it, expect } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1.js';
import { deepFreeze, service } from '../validation/testObjects.ts';
import { defaultService } from './defaultService.ts';

const svc = (spec: NonNullable<Service['spec']>): Service => ({ ...service(), spec });

describe('defaultService', () => {
  it('should default a ClusterIP service', () => {
    const out = defaultService(deepFreeze(service()));
    expect(out.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('should keep a named or numeric target port', () => {
    const out = defaultService(svc({ ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 8081, protocol: 'UDP' }] }));
    expect(out.spec?.ports).toEqual([
      { port: 80, targetPort: 'http', protocol: 'TCP' },
      { port: 81, targetPort: 8081, protocol: 'UDP' },
    ]);
  });

  it('should default externalTrafficPolicy for NodePort and LoadBalancer only', () => {
    expect(defaultService(svc({ type: 'NodePort', ports: [{ port: 80 }] })).spec?.externalTrafficPolicy).toBe('Cluster');
    const lb = defaultService(svc({ type: 'LoadBalancer', ports: [{ port: 80 }] })).spec;
    expect(lb?.externalTrafficPolicy).toBe('Cluster');
    expect(lb?.allocateLoadBalancerNodePorts).toBe(true);
    expect(defaultService(service()).spec?.externalTrafficPolicy).toBeUndefined();
  });

  it('should give ClientIP affinity a three-hour timeout and drop config under None', () => {
    expect(defaultService(svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] })).spec?.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(defaultService(svc({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [{ port: 80 }] })).spec?.sessionAffinityConfig).toBeUndefined();
  });

  it('should mirror clusterIP into clusterIPs and treat selectorless headless services as upstream', () => {
    const headless = defaultService(svc({ clusterIP: 'None' })).spec;
    expect(headless?.clusterIPs).toEqual(['None']);
    expect(headless?.ipFamilyPolicy).toBe('RequireDualStack');
    expect(defaultService(svc({ clusterIP: 'None', selector: { app: 'x' } })).spec?.ipFamilyPolicy).toBe('SingleStack');
  });

  it('should leave ExternalName services without IP families', () => {
    const out = defaultService(svc({ type: 'ExternalName', externalName: 'example.com' })).spec;
    expect(out).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });

  it('should be idempotent', () => {
    const once = defaultService(svc({ type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 443, name: 'https' }] }));
    expect(defaultService(once)).toEqual(once);
  });
});
