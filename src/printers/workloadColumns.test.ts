import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.ts';
import { cellText } from './formatTable.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const created = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();

/** The visible cells of the first row, space-joined like the seeds' collapsed transcripts. */
function line(obj: KubeObject, wide = false): string {
  const table = buildTable([obj], { now: NOW, wide });
  return (table.rows[0]?.cells ?? []).map(cellText).join(' ');
}

const template = (labels: Record<string, string>, container: string, image: string) => ({
  metadata: { labels },
  spec: { containers: [{ name: container, image }] },
});

describe('workload printers', () => {
  it('should print a Deployment as `kubectl get deployment` (seeds-003b §6.3, §16.3)', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'kubia', namespace: 'default', creationTimestamp: created(17) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'kubia' } }, template: template({ app: 'kubia' }, 'nodejs', 'luksa/kubia:v1') },
      status: { replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 },
    };
    expect(line(d)).toBe('kubia 0/3 3 0 17s');
    const ready = { ...d, status: { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 } };
    expect(line(ready, true)).toBe('kubia 3/3 3 3 17s nodejs luksa/kubia:v1 app=kubia');
  });

  it('should print an empty Deployment selector as empty text and an invalid one as <invalid>', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', creationTimestamp: created(1) }, spec: { selector: {}, template: {} } };
    expect(buildTable([d], { now: NOW }).rows[0]?.cells.slice(1, 3)).toEqual(['0/1', 0]);
    expect(buildTable([d], { now: NOW }).rows[0]?.cells[7]).toBe('');
    const bad = { ...d, spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, template: {} } };
    expect(buildTable([bad], { now: NOW }).rows[0]?.cells[7]).toBe('<invalid>');
  });

  it('should print a ReplicationController with -o wide (seeds-003a §21.3)', () => {
    const rc = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'kubia-rc', namespace: 'custom-namespace', creationTimestamp: created(211) },
      spec: { replicas: 3, selector: { app: 'kubia' }, template: template({ app: 'kubia' }, 'kubia', 'luksa/kubia') },
      status: { replicas: 3, readyReplicas: 3, availableReplicas: 3 },
    };
    expect(line(rc, true)).toBe('kubia-rc 3 3 3 3m31s kubia luksa/kubia app=kubia');
  });

  it('should print a ReplicaSet (seeds-003a §22.4) with its label selector', () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'kubia-rs', namespace: 'default', creationTimestamp: created(71) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'kubia' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['testing', 'prod'] }] }, template: template({ app: 'kubia' }, 'kubia-container', 'luksa/kubia') },
      status: { replicas: 3, readyReplicas: 3 },
    };
    expect(line(rs)).toBe('kubia-rs 3 3 3 71s');
    expect(line(rs, true)).toBe('kubia-rs 3 3 3 71s kubia-container luksa/kubia app=kubia,env in (prod,testing)');
  });

  it('should print a DaemonSet before and after a node matches (seeds-003a §23.5, §23.7)', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ssd-monitor', namespace: 'default', creationTimestamp: created(15) },
      spec: { selector: { matchLabels: { app: 'ssd-monitor' } }, template: { metadata: { labels: { app: 'ssd-monitor' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'main', image: 'luksa/ssd-monitor' }] } } },
      status: { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0, numberMisscheduled: 0 },
    };
    expect(line(ds)).toBe('ssd-monitor 0 0 0 0 0 disk=ssd 15s');
    const later = { ...ds, metadata: { ...ds.metadata, creationTimestamp: created(75) }, status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0, updatedNumberScheduled: 1, numberMisscheduled: 0 } };
    expect(line(later, true)).toBe('ssd-monitor 1 1 0 1 0 disk=ssd 75s main luksa/ssd-monitor app=ssd-monitor');
    const anyNode = { ...ds, spec: { ...ds.spec, template: { spec: { containers: [] } } } };
    expect(line(anyNode)).toBe('ssd-monitor 0 0 0 0 0 <none> 15s');
  });

  it('should print a StatefulSet as READY ready/desired (seeds-003b §7.4)', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'kubia', namespace: 'default', creationTimestamp: created(42) },
      spec: { replicas: 2, serviceName: 'kubia', selector: { matchLabels: { app: 'kubia' } }, template: template({ app: 'kubia' }, 'kubia', 'luksa/kubia-pet') },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(line(sts, true)).toBe('kubia 1/2 42s kubia luksa/kubia-pet');
  });

  it('should print a ControllerRevision with its group-qualified controller', () => {
    const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'kubia', uid: 'u1', controller: true };
    const cr = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'kubia-6c9b4d8f7', namespace: 'default', creationTimestamp: created(42), ownerReferences: [owner] }, revision: 1 };
    expect(line(cr)).toBe('kubia-6c9b4d8f7 statefulset.apps/kubia 1 42s');
    const orphan = { ...cr, metadata: { ...cr.metadata, ownerReferences: [] } };
    expect(line(orphan)).toBe('kubia-6c9b4d8f7 <none> 1 42s');
  });
});
