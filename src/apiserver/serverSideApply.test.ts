import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KubeObject } from '../api/meta.ts';
import { StatusError } from '../api/status.ts';
import { applyTypeFromSchema } from './applyType.ts';
import { serverSideApply, trackUpdate } from './serverSideApply.ts';

const ref = (n: string): Record<string, unknown> => ({ $ref: `#/components/schemas/${n}` });
const SCHEMAS = new Map<string, Record<string, unknown>>([
  ['Dep', { type: 'object', properties: { metadata: { allOf: [ref('Meta')] }, spec: ref('Spec'), status: { type: 'object', properties: { replicas: { type: 'integer' } } } } }],
  ['Meta', { type: 'object', properties: { labels: { type: 'object', additionalProperties: { type: 'string' } }, finalizers: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' } } }],
  ['Spec', { type: 'object', properties: { replicas: { type: 'integer' }, selector: ref('Sel'), args: { type: 'array', items: { type: 'string' } }, containers: { type: 'array', items: ref('C'), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] } } }],
  ['Sel', { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } } }],
  ['C', { type: 'object', properties: { name: { type: 'string' }, image: { type: 'string' }, ports: { type: 'array', items: ref('P'), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] } } }],
  ['P', { type: 'object', properties: { containerPort: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } } }],
]);
const type = applyTypeFromSchema(SCHEMAS, SCHEMAS.get('Dep'));
const T0 = '2025-01-01T00:00:00Z';
const T1 = '2025-01-01T00:01:00Z';

function dep(spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', ...(labels ? { labels } : {}) }, spec } as KubeObject;
}

function apply(live: KubeObject | undefined, config: KubeObject, manager = 'kubectl', force = false, now = T0): KubeObject {
  return serverSideApply({ live, config, manager, force, now, apiVersion: 'apps/v1', type });
}

function stored(obj: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, uid: 'u1', resourceVersion: '7' } };
}

const spec = (o: KubeObject): Record<string, unknown> => (o as { spec: Record<string, unknown> }).spec;

describe('serverSideApply', () => {
  it('should record the applied fields as the manager Apply entry when it creates the object', () => {
    const out = apply(undefined, dep({ replicas: 2, selector: { matchLabels: { app: 'web' } }, containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] }, { app: 'web' }));
    expect(out.metadata?.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } },
            'f:replicas': {},
            'f:selector': {},
          },
        },
      },
    ]);
    expect(out.metadata?.name).toBe('web');
  });

  it('should remove fields the manager applied before and no longer applies, but keep fields others own', () => {
    const first = stored(apply(undefined, dep({ replicas: 1 }, { app: 'web', tier: 'fe' })));
    const labelled = stored(trackUpdate(first, { ...first, metadata: { ...first.metadata, labels: { ...first.metadata?.labels, team: 'a' } } }, { manager: 'kubectl-label', apiVersion: 'apps/v1', now: T1, type }));
    const second = apply(labelled, dep({ replicas: 1 }, { app: 'web' }));
    expect(second.metadata?.labels).toEqual({ app: 'web', team: 'a' });
  });

  it('should refuse to change a field another manager owns with kube-apiserver\'s conflict message', () => {
    const first = stored(apply(undefined, dep({ replicas: 1 })));
    const scaled = stored(trackUpdate(first, dep({ replicas: 3 }), { manager: 'kubectl', apiVersion: 'apps/v1', now: T1, type, subresource: 'scale' }));
    let error: unknown;
    try {
      apply(scaled, dep({ replicas: 5 }), 'deployer');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatusError);
    const status = (error as StatusError).status;
    expect(status.code).toBe(409);
    expect(status.message).toBe(`Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1 at ${T1}: .spec.replicas`);
    expect(status.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: `conflict with "kubectl" with subresource "scale" using apps/v1 at ${T1}`, field: '.spec.replicas' }]);
  });

  it('should list several conflicts grouped by manager', () => {
    const a = stored(apply(undefined, dep({ replicas: 1, args: ['x'] }), 'a'));
    expect(() => apply(a, dep({ replicas: 2, args: ['y'] }), 'b')).toThrow('Apply failed with 2 conflicts: conflicts with "a":\n- .spec.args\n- .spec.replicas');
  });

  it('should share a field when the value applied is the one already there', () => {
    const a = stored(apply(undefined, dep({ replicas: 2 }), 'a'));
    const b = apply(a, dep({ replicas: 2 }), 'b');
    expect(b.metadata?.managedFields?.map((m) => [m.manager, m.fieldsV1])).toEqual([
      ['a', { 'f:spec': { 'f:replicas': {} } }],
      ['b', { 'f:spec': { 'f:replicas': {} } }],
    ]);
  });

  it('should take a conflicting field over with force and leave the other manager without it', () => {
    const a = stored(apply(undefined, dep({ replicas: 2, args: ['x'] }), 'a'));
    const b = apply(a, dep({ replicas: 4 }), 'b', true, T1);
    expect(spec(b)['replicas']).toBe(4);
    expect(b.metadata?.managedFields?.map((m) => [m.manager, m.fieldsV1])).toEqual([
      ['a', { 'f:spec': { 'f:args': {} } }],
      ['b', { 'f:spec': { 'f:replicas': {} } }],
    ]);
  });

  it('should merge map-list items by key and replace atomic maps whole', () => {
    const live = stored({ ...dep({ selector: { matchLabels: { a: '1', b: '2' } }, containers: [{ name: 'c', image: 'old', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'side', image: 's' }] }) });
    const out = apply(live, dep({ selector: { matchLabels: { a: '1' } }, containers: [{ name: 'c', image: 'new' }] }));
    expect(spec(out)).toEqual({ selector: { matchLabels: { a: '1' } }, containers: [{ name: 'c', image: 'new', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'side', image: 's' }] });
  });

  it('should leave status alone when applying to the main resource and apply only status through /status', () => {
    const live = stored({ ...dep({ replicas: 1 }), status: { replicas: 1 } } as KubeObject);
    const main = apply(live, { ...dep({ replicas: 1 }), status: { replicas: 9 } } as KubeObject);
    expect((main as { status?: unknown }).status).toEqual({ replicas: 1 });
    const viaStatus = serverSideApply({ live, config: { ...dep({}), status: { replicas: 9 } } as KubeObject, manager: 'ctl', force: false, now: T0, apiVersion: 'apps/v1', type, subresource: 'status' });
    expect((viaStatus as { status?: unknown }).status).toEqual({ replicas: 9 });
    expect(spec(viaStatus)).toEqual({ replicas: 1 });
    expect(viaStatus.metadata?.managedFields?.find((m) => m.manager === 'ctl')).toMatchObject({ subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } } });
  });

  it('should give the same object when the same configuration is applied twice', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), fc.stringMatching(/^[a-z0-9]{0,4}$/)), fc.nat(5), fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { maxLength: 3 }), (labels, replicas, names) => {
        const config = dep({ replicas, containers: names.map((name) => ({ name, image: `${name}:1` })) }, labels);
        const once = stored(apply(undefined, config));
        const twice = apply(once, config, 'kubectl', false, T0);
        expect(twice).toEqual(once);
      }),
    );
  });
});

describe('trackUpdate', () => {
  it('should give changed fields to the writer and take them from the other managers', () => {
    const a = stored(apply(undefined, dep({ replicas: 2, args: ['x'] }), 'a'));
    const edited = trackUpdate(a, dep({ replicas: 3, args: ['x'] }), { manager: 'kubectl-edit', apiVersion: 'apps/v1', now: T1, type });
    expect(edited.metadata?.managedFields?.map((m) => [m.manager, m.operation, m.fieldsV1])).toEqual([
      ['a', 'Apply', { 'f:spec': { 'f:args': {} } }],
      ['kubectl-edit', 'Update', { 'f:spec': { 'f:replicas': {} } }],
    ]);
  });

  it('should clear managed fields when the writer sends a single empty entry', () => {
    const a = stored(apply(undefined, dep({ replicas: 2 }), 'a'));
    const cleared = trackUpdate(a, { ...dep({ replicas: 2 }), metadata: { name: 'web', managedFields: [{}] } }, { manager: 'x', apiVersion: 'apps/v1', now: T1, type });
    expect(cleared.metadata?.managedFields).toBeUndefined();
  });
});
