import { describe, it, expect } from 'vitest';
import { deepFreeze, template } from '../validation/testObjects.ts';
import {
  defaultEndpoints,
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultReplicationController,
  defaultSecret,
} from './defaultCore.ts';

describe('defaultReplicationController', () => {
  it('should take selector and labels from the template and default replicas', () => {
    const out = defaultReplicationController(deepFreeze({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template: template() } }));
    expect(out.spec?.selector).toEqual({ app: 'web' });
    expect(out.metadata?.labels).toEqual({ app: 'web' });
    expect(out.spec?.replicas).toBe(1);
    expect(out.spec?.template?.spec?.restartPolicy).toBe('Always');
  });

  it('should keep an explicit selector and labels', () => {
    const out = defaultReplicationController({ metadata: { name: 'rc', labels: { x: 'y' } }, spec: { selector: { app: 'web' }, template: template({ app: 'web', v: '1' }) } });
    expect(out.spec?.selector).toEqual({ app: 'web' });
    expect(out.metadata?.labels).toEqual({ x: 'y' });
  });
});

describe('defaultNamespace', () => {
  it('should label the namespace with its name and make it Active', () => {
    const out = defaultNamespace(deepFreeze({ metadata: { name: 'team-a' } }));
    expect(out.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(out.status?.phase).toBe('Active');
    expect(out.spec).toBeUndefined();
  });

  it('should not label a namespace that has only a generateName', () => {
    expect(defaultNamespace({ metadata: { generateName: 'ns-' } }).metadata?.labels).toBeUndefined();
  });
});

describe('defaultNode', () => {
  it('should default allocatable to capacity', () => {
    expect(defaultNode({ metadata: { name: 'n' }, status: { capacity: { cpu: '4' } } }).status?.allocatable).toEqual({ cpu: '4' });
    expect(defaultNode({ metadata: { name: 'n' }, status: { capacity: { cpu: '4' }, allocatable: { cpu: '3' } } }).status?.allocatable).toEqual({ cpu: '3' });
  });
});

describe('defaultPersistentVolume and claims', () => {
  it('should default reclaim policy, volume mode and phase', () => {
    const pv = defaultPersistentVolume({ metadata: { name: 'pv' }, spec: { hostPath: { path: '/d' } } });
    expect(pv.spec).toEqual({ hostPath: { path: '/d', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pv.status?.phase).toBe('Pending');
    const pvc = defaultPersistentVolumeClaim({ metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'] } });
    expect(pvc.spec?.volumeMode).toBe('Filesystem');
    expect(pvc.status?.phase).toBe('Pending');
  });
});

describe('defaultSecret', () => {
  it('should default the type and fold stringData into base64 data', () => {
    const out = defaultSecret(deepFreeze({ metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'hello', a: 'y' } }));
    expect(out.type).toBe('Opaque');
    expect(out.data).toEqual({ a: 'eQ==', b: 'aGVsbG8=' });
    expect(out.stringData).toBeUndefined();
  });
});

describe('defaultEndpoints', () => {
  it('should default port protocols', () => {
    const out = defaultEndpoints({ metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] });
    expect(out.subsets?.[0]?.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });
});

describe('defaultLimitRange', () => {
  it('should default container limits from max and requests from default then min', () => {
    const out = defaultLimitRange({ metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }, { type: 'Pod', max: { cpu: '4' } }] } });
    expect(out.spec?.limits[0]).toEqual({ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } });
    expect(out.spec?.limits[1]).toEqual({ type: 'Pod', max: { cpu: '4' } });
  });
});
