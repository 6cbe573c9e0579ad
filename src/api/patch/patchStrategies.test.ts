import { describe, it, expect } from 'vitest';
import { escapeJsonPointerToken, parseJsonPointer } from './jsonPointer.ts';
import { deepFreeze } from './jsonValue.ts';
import { patchSchemaFor, supportsStrategicMergePatch } from './patchStrategies.ts';
import { applyStrategicMergePatch } from './strategicMergePatch.ts';

describe('supportsStrategicMergePatch', () => {
  it('should accept built-in kinds at any served version and refuse custom resources', () => {
    expect(supportsStrategicMergePatch({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(true);
    expect(supportsStrategicMergePatch({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' })).toBe(true);
    expect(supportsStrategicMergePatch({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' })).toBe(true);
    expect(supportsStrategicMergePatch({ apiVersion: 'stable.example.com/v1', kind: 'CronTab' })).toBe(false);
    // Same kind name, other group: a custom resource.
    expect(supportsStrategicMergePatch({ apiVersion: 'example.com/v1', kind: 'Deployment' })).toBe(false);
    expect(patchSchemaFor({ apiVersion: 'example.com/v1', kind: 'Deployment' })).toBeUndefined();
  });
});

describe('patch strategy table', () => {
  const template = {
    metadata: { labels: { app: 'db' } },
    spec: {
      initContainers: [{ name: 'init', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      containers: [{ name: 'db', image: 'postgres', volumeMounts: [{ name: 'data', mountPath: '/var/lib/pg' }, { name: 'cfg', mountPath: '/etc/pg' }] }],
      volumes: [{ name: 'cfg', configMap: { name: 'pg' } }],
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }],
      topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
    },
  };

  it('should merge the nested lists of a StatefulSet pod template by their keys', () => {
    const sts = deepFreeze({ spec: { template } });
    const patch = {
      spec: {
        template: {
          spec: {
            initContainers: [{ name: 'init', image: 'alpine' }],
            containers: [{ name: 'db', volumeMounts: [{ mountPath: '/etc/pg', readOnly: true }] }],
            volumes: [{ name: 'scratch', emptyDir: {} }],
            hostAliases: [{ ip: '10.0.0.2', hostnames: ['b'] }],
            topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }],
          },
        },
      },
    };
    const out = applyStrategicMergePatch(sts, patch, { apiVersion: 'apps/v1', kind: 'StatefulSet' }) as { spec: { template: typeof template } };
    const spec = out.spec.template.spec;
    expect(spec.initContainers).toEqual([{ name: 'init', image: 'alpine', volumeMounts: [{ name: 'data', mountPath: '/data' }] }]);
    expect(spec.containers[0]?.volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/pg' }, { name: 'cfg', mountPath: '/etc/pg', readOnly: true }]);
    expect(spec.volumes.map((v) => v.name)).toEqual(['scratch', 'cfg']);
    expect(spec.hostAliases.map((h) => h.ip)).toEqual(['10.0.0.2', '10.0.0.1']);
    expect(spec.topologySpreadConstraints).toEqual([{ topologyKey: 'zone', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' }]);
  });

  it('should replace lists a kind has no merge key for (Endpoints subsets, pod containerStatuses)', () => {
    const ep = { subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] };
    expect(applyStrategicMergePatch(ep, { subsets: [{ addresses: [{ ip: '10.0.0.2' }] }] }, { apiVersion: 'v1', kind: 'Endpoints' })).toEqual({ subsets: [{ addresses: [{ ip: '10.0.0.2' }] }] });
    const pod = { status: { containerStatuses: [{ name: 'a', ready: true }, { name: 'b', ready: true }] } };
    const out = applyStrategicMergePatch(pod, { status: { containerStatuses: [{ name: 'a', ready: false }] } }, { apiVersion: 'v1', kind: 'Pod' });
    expect(out).toEqual({ status: { containerStatuses: [{ name: 'a', ready: false }] } });
  });

  it('should merge conditions by type on workload status', () => {
    const rs = { status: { conditions: [{ type: 'ReplicaFailure', status: 'True' }] } };
    const out = applyStrategicMergePatch(rs, { status: { conditions: [{ type: 'Available', status: 'True' }] } }, { apiVersion: 'apps/v1', kind: 'ReplicaSet' }) as typeof rs;
    expect(out.status.conditions.map((c) => c.type).sort()).toEqual(['Available', 'ReplicaFailure']);
  });
});

describe('parseJsonPointer', () => {
  it('should unescape ~1 before ~0 and round-trip escaped tokens', () => {
    expect(parseJsonPointer('/a~1b/m~0n/~01')).toEqual(['a/b', 'm~n', '~1']);
    expect(parseJsonPointer('')).toEqual([]);
    expect(parseJsonPointer('a')).toBeUndefined();
    const tokens = ['app.kubernetes.io/name', '~x', ''];
    expect(parseJsonPointer(`/${tokens.map(escapeJsonPointerToken).join('/')}`)).toEqual(tokens);
  });
});
