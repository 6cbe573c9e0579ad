import { describe, it, expect } from 'vitest';
import { isStatusError } from '../status.ts';
import type { StatusError } from '../status.ts';
import { deepFreeze } from './jsonValue.ts';
import { applyStrategicMergePatch } from './strategicMergePatch.ts';

const POD = { apiVersion: 'v1', kind: 'Pod' };
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' };

function smp(doc: unknown, patch: unknown, kind = POD): unknown {
  return applyStrategicMergePatch(deepFreeze(doc), deepFreeze(patch), kind);
}

function failure(doc: unknown, patch: unknown, kind = POD): StatusError {
  try {
    smp(doc, patch, kind);
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected the patch to fail');
}

interface PodShape {
  metadata: { name: string; labels: Record<string, string> };
  spec: { containers: { name: string; image?: string; env?: unknown; ports?: unknown }[] };
}

const web = { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }, { containerPort: 443 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };
const pod = { metadata: { name: 'p', labels: { app: 'web', tier: 'front' } }, spec: { containers: [web, { name: 'log', image: 'busybox' }] } };

describe('applyStrategicMergePatch', () => {
  it('should merge a container by name and leave the other fields and containers alone', () => {
    const out = smp(pod, { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } });
    expect(out).toEqual({ ...pod, spec: { containers: [{ ...web, image: 'nginx:1.26' }, pod.spec.containers[1]] } });
  });

  it('should change one env var by name', () => {
    const out = smp(pod, { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '3' }] }] } }) as PodShape;
    expect(out.spec.containers[0]?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }]);
  });

  it('should put a new container ahead of the existing ones, as kubectl patch does', () => {
    const out = smp(pod, { spec: { containers: [{ name: 'sidecar', image: 'envoy' }] } }) as PodShape;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'web', 'log']);
  });

  it('should delete a port with $patch: delete', () => {
    const out = smp(pod, { spec: { containers: [{ name: 'web', ports: [{ containerPort: 443, $patch: 'delete' }] }] } }) as PodShape;
    expect(out.spec.containers[0]?.ports).toEqual([{ containerPort: 80 }]);
  });

  it('should replace a list with a $patch: replace element', () => {
    const out = smp(pod, { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } }) as PodShape;
    expect(out.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('should replace or empty a map with $patch on the map', () => {
    expect((smp(pod, { metadata: { labels: { $patch: 'replace', new: 'yes' } } }) as PodShape).metadata.labels).toEqual({ new: 'yes' });
    expect((smp(pod, { metadata: { labels: { $patch: 'delete' } } }) as PodShape).metadata.labels).toEqual({});
  });

  it('should order a list by $setElementOrder', () => {
    const patch = { spec: { '$setElementOrder/containers': [{ name: 'log' }, { name: 'web' }] } };
    const out = smp(pod, patch) as PodShape;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['log', 'web']);
    expect(out.spec.containers[0]).toEqual(pod.spec.containers[1]);
  });

  it('should add an element where $setElementOrder puts it', () => {
    const patch = { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'mid' }, { name: 'log' }], containers: [{ name: 'mid', image: 'm' }] } };
    const out = smp(pod, patch) as PodShape;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['web', 'mid', 'log']);
  });

  it('should merge finalizers as a set and remove them with $deleteFromPrimitiveList', () => {
    const obj = { metadata: { name: 'p', finalizers: ['a.io/x', 'b.io/y'] } };
    expect((smp(obj, { metadata: { finalizers: ['c.io/z', 'a.io/x'] } }) as typeof obj).metadata.finalizers).toEqual(['c.io/z', 'a.io/x', 'b.io/y']);
    expect((smp(obj, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.io/x'] } }) as typeof obj).metadata.finalizers).toEqual(['b.io/y']);
  });

  it('should merge status conditions by type in place', () => {
    const status = { conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] };
    const out = smp({ status }, { status: { conditions: [{ type: 'Ready', status: 'True', reason: null }] } }) as { status: typeof status };
    expect(out.status.conditions).toEqual([{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }]);
  });

  it('should delete a member on null and ignore a null for an absent member', () => {
    const out = smp(pod, { metadata: { labels: { tier: null, nothing: null } } }) as PodShape;
    expect(out.metadata.labels).toEqual({ app: 'web' });
  });

  it('should replace lists without a merge key (tolerations)', () => {
    const doc = { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } };
    expect(smp(doc, { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } })).toEqual({ spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } });
  });

  it('should resolve the pod template inside workloads and cron jobs', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: pod.spec };
    const patch = { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } };
    const deploy = smp({ spec: { template } }, { spec: { template: patch } }, DEPLOYMENT) as { spec: { template: typeof template } };
    expect(deploy.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([['web', 'nginx:2'], ['log', 'busybox']]);
    const cron = { spec: { jobTemplate: { spec: { template } } } };
    const out = smp(cron, { spec: { jobTemplate: { spec: { template: patch } } } }, { apiVersion: 'batch/v1', kind: 'CronJob' }) as typeof cron;
    expect(out.spec.jobTemplate.spec.template.spec.containers).toHaveLength(2);
  });

  it('should merge node addresses, owner references and service ports by their keys', () => {
    const node = { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }] } };
    const n = smp(node, { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] } }, { apiVersion: 'v1', kind: 'Node' }) as typeof node;
    expect(n.status.addresses).toEqual([{ type: 'InternalIP', address: '10.0.0.2' }, { type: 'Hostname', address: 'n1' }]);
    const owned = { metadata: { ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', name: 'rs', controller: true }] } };
    const o = smp(owned, { metadata: { ownerReferences: [{ uid: 'u1', controller: false }] } }) as typeof owned;
    expect(o.metadata.ownerReferences).toEqual([{ uid: 'u1', kind: 'ReplicaSet', name: 'rs', controller: false }]);
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] } };
    const s = smp(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, { apiVersion: 'v1', kind: 'Service' }) as typeof svc;
    expect(s.spec.ports).toEqual([{ port: 80, targetPort: 9090 }, { port: 443, targetPort: 8443 }]);
  });

  it('should clear members a $retainKeys list leaves out (deployment strategy)', () => {
    const deploy = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } };
    const out = smp(deploy, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, DEPLOYMENT);
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' } } });
    expect(failure(deploy, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, DEPLOYMENT).message).toBe('invalid patch format of retainKeys');
  });

  it('should not store directives or nulls inside a value the object did not have', () => {
    const out = smp({ metadata: { name: 'p' } }, { spec: { containers: [{ name: 'a', env: [{ name: 'X', value: null }] }], nodeSelector: { $patch: 'replace', disk: 'ssd' } } });
    expect(out).toEqual({ metadata: { name: 'p' }, spec: { containers: [{ name: 'a', env: [{ name: 'X' }] }], nodeSelector: { disk: 'ssd' } } });
  });

  it('should refuse custom resources with 415, as the apiextensions server does', () => {
    const e = failure({}, { spec: {} }, { apiVersion: 'example.com/v1', kind: 'Widget' });
    expect(e.code).toBe(415);
    expect(e.reason).toBe('UnsupportedMediaType');
    expect(e.message).toBe('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  });

  it('should reject malformed patches with 400', () => {
    expect(failure(pod, [1]).message).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(failure(pod, { metadata: { labels: { $patch: 'frob' } } }).message).toBe('unknown patch type: frob in map: map[$patch:frob]');
    expect(failure(pod, { spec: { containers: [{ image: 'x' }] } }).message).toBe('map: map[image:x] does not contain declared merge key: name');
    expect(failure(pod, { spec: { containers: [{ $patch: 'merge' }] } }).code).toBe(400);
    expect(failure(pod, { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'log', image: 'x' }] } }).code).toBe(400);
  });

  it('should return the document unchanged for a null patch and never change its inputs', () => {
    const doc = deepFreeze(structuredClone(pod));
    expect(applyStrategicMergePatch(doc, null, POD)).toBe(doc);
    const out = applyStrategicMergePatch(doc, deepFreeze({ spec: { containers: [{ name: 'log', image: 'alpine' }] } }), POD) as PodShape;
    expect(doc).toEqual(pod);
    expect(out.metadata).toBe(doc.metadata);
  });
});
