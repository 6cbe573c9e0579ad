import { describe, it, expect } from 'vitest';
import { deepFreeze } from './jsonValue.ts';
import { applyMergePatch } from './mergePatch.ts';
import { applyStrategicMergePatch, createStrategicPatch, createThreeWayStrategicPatch } from './strategicMergePatch.ts';

const POD = { apiVersion: 'v1', kind: 'Pod' };
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' };

describe('createStrategicPatch', () => {
  it('should diff a container list by name with $patch: delete and $setElementOrder', () => {
    const original = deepFreeze({ spec: { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y' }] } });
    const modified = deepFreeze({ spec: { containers: [{ name: 'a', image: 'x:2' }] } });
    const patch = createStrategicPatch(original, modified, POD);
    expect(patch).toEqual({
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }],
        containers: [{ name: 'a', image: 'x:2' }, { name: 'b', $patch: 'delete' }],
      },
    });
    expect(applyStrategicMergePatch(original, patch, POD)).toEqual(modified);
  });

  it('should diff finalizers with a deletion list and an order list', () => {
    const original = { metadata: { finalizers: ['a', 'b'] } };
    const modified = { metadata: { finalizers: ['c', 'a'] } };
    const patch = createStrategicPatch(original, modified, POD);
    expect(patch).toEqual({ metadata: { finalizers: ['c'], '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['c', 'a'] } });
    expect(applyStrategicMergePatch(original, patch, POD)).toEqual(modified);
  });

  it('should null removed members, send replaced lists whole, and be {} when nothing changed', () => {
    const original = { metadata: { labels: { a: '1', b: '2' } }, spec: { tolerations: [{ key: 'k' }] } };
    const modified = { metadata: { labels: { a: '1' } }, spec: { tolerations: [{ key: 'k' }, { key: 'l' }] } };
    expect(createStrategicPatch(original, modified, POD)).toEqual({ metadata: { labels: { b: null } }, spec: { tolerations: [{ key: 'k' }, { key: 'l' }] } });
    expect(createStrategicPatch(modified, modified, POD)).toEqual({});
  });

  it('should add $retainKeys for a retainKeys field', () => {
    const original = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const modified = { spec: { strategy: { type: 'Recreate' } } };
    const patch = createStrategicPatch(original, modified, DEPLOYMENT);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } });
    expect(applyStrategicMergePatch(original, patch, DEPLOYMENT)).toEqual(modified);
  });
});

describe('createThreeWayStrategicPatch', () => {
  const lastApplied = deepFreeze({
    metadata: { name: 'web', labels: { app: 'web', stage: 'beta' }, finalizers: ['example.com/cleanup', 'example.com/audit'] },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'old', image: 'busybox' }] },
  });
  // The live object: defaulted fields, a controller-added label, an injected sidecar, another finalizer.
  const live = deepFreeze({
    metadata: { name: 'web', uid: 'u1', labels: { app: 'web', stage: 'beta', 'pod-template-hash': 'abc' }, finalizers: ['example.com/cleanup', 'example.com/audit', 'other.io/guard'] },
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' },
        { name: 'old', image: 'busybox', imagePullPolicy: 'Always' },
        { name: 'istio-proxy', image: 'envoy' },
      ],
      restartPolicy: 'Always',
    },
  });

  it('should remove what the manifest dropped and keep what others set', () => {
    const manifest = deepFreeze({
      metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['example.com/audit'] },
      spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] },
    });
    const patch = createThreeWayStrategicPatch(lastApplied, manifest, live, POD);
    const out = applyStrategicMergePatch(live, patch, POD);
    expect(out).toEqual({
      metadata: { name: 'web', uid: 'u1', labels: { app: 'web', 'pod-template-hash': 'abc' }, finalizers: ['example.com/audit', 'other.io/guard'] },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent' },
          { name: 'istio-proxy', image: 'envoy' },
        ],
        restartPolicy: 'Always',
      },
    });
  });

  it('should delete a whole field the manifest dropped, even members others added to it', () => {
    const manifest = { metadata: { name: 'web', labels: { app: 'web', stage: 'beta' } }, spec: lastApplied.spec };
    const patch = createThreeWayStrategicPatch(lastApplied, manifest, live, POD) as { metadata: unknown };
    expect(patch.metadata).toEqual({ finalizers: null });
  });

  it('should leave the live object as it is when the manifest did not change', () => {
    const patch = createThreeWayStrategicPatch(lastApplied, lastApplied, live, POD);
    // Like kubectl, the patch still carries $setElementOrder for lists the live object extended.
    expect(patch).toEqual({
      metadata: { '$setElementOrder/finalizers': ['example.com/cleanup', 'example.com/audit'] },
      spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'old' }] },
    });
    expect(applyStrategicMergePatch(live, patch, POD)).toEqual(live);
  });

  it('should send a changed label and nothing about the others', () => {
    const relabel = { metadata: { ...lastApplied.metadata, labels: { app: 'web', stage: 'ga' } } };
    const last = { metadata: lastApplied.metadata };
    expect(createThreeWayStrategicPatch(last, relabel, live, POD)).toEqual({ metadata: { labels: { stage: 'ga' }, '$setElementOrder/finalizers': ['example.com/cleanup', 'example.com/audit'] } });
  });

  it('should treat a missing last-applied configuration as empty (nothing is deleted)', () => {
    const patch = createThreeWayStrategicPatch(null, { metadata: { labels: { team: 'a' } } }, live, POD);
    expect(patch).toEqual({ metadata: { labels: { team: 'a' } } });
  });

  it('should produce a JSON merge patch for a custom resource', () => {
    const kind = { apiVersion: 'example.com/v1', kind: 'Widget' };
    const original = { spec: { items: [{ name: 'a' }, { name: 'b' }], size: 1 } };
    const current = { spec: { items: [{ name: 'a' }, { name: 'b' }], size: 1, status: 'x' } };
    const modified = { spec: { items: [{ name: 'a' }] } };
    const patch = createThreeWayStrategicPatch(original, modified, current, kind);
    expect(patch).toEqual({ spec: { items: [{ name: 'a' }], size: null } });
    expect(applyMergePatch(current, patch)).toEqual({ spec: { items: [{ name: 'a' }], status: 'x' } });
  });
});
