import { describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES } from '../api/builtinResources.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { buildTable, columnsFor, printerFor, tableRow } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');

/** Header lines of `kubectl get <kind>` and `-o wide`, as upstream serves them. */
const HEADERS: [string, string, string, string][] = [
  ['v1', 'Pod', 'NAME READY STATUS RESTARTS AGE', 'IP NODE NOMINATED NODE READINESS GATES'],
  ['v1', 'Node', 'NAME STATUS ROLES AGE VERSION', 'INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME'],
  ['v1', 'Service', 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE', 'SELECTOR'],
  ['v1', 'ReplicationController', 'NAME DESIRED CURRENT READY AGE', 'CONTAINERS IMAGES SELECTOR'],
  ['v1', 'Namespace', 'NAME STATUS AGE', ''],
  ['v1', 'ConfigMap', 'NAME DATA AGE', ''],
  ['v1', 'Secret', 'NAME TYPE DATA AGE', ''],
  ['v1', 'ServiceAccount', 'NAME SECRETS AGE', ''],
  ['v1', 'Endpoints', 'NAME ENDPOINTS AGE', ''],
  ['v1', 'Event', 'LAST SEEN TYPE REASON OBJECT MESSAGE', 'SUBOBJECT SOURCE FIRST SEEN COUNT NAME'],
  ['v1', 'PersistentVolume', 'NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE', 'VOLUMEMODE'],
  ['v1', 'PersistentVolumeClaim', 'NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE', 'VOLUMEMODE'],
  ['v1', 'ComponentStatus', 'NAME STATUS MESSAGE ERROR', ''],
  ['v1', 'ResourceQuota', 'NAME REQUEST LIMIT AGE', ''],
  ['v1', 'PodTemplate', 'NAME CONTAINERS IMAGES POD LABELS', ''],
  ['apps/v1', 'Deployment', 'NAME READY UP-TO-DATE AVAILABLE AGE', 'CONTAINERS IMAGES SELECTOR'],
  ['apps/v1', 'ReplicaSet', 'NAME DESIRED CURRENT READY AGE', 'CONTAINERS IMAGES SELECTOR'],
  ['apps/v1', 'DaemonSet', 'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE', 'CONTAINERS IMAGES SELECTOR'],
  ['apps/v1', 'StatefulSet', 'NAME READY AGE', 'CONTAINERS IMAGES'],
  ['apps/v1', 'ControllerRevision', 'NAME CONTROLLER REVISION AGE', ''],
  ['batch/v1', 'Job', 'NAME STATUS COMPLETIONS DURATION AGE', 'CONTAINERS IMAGES SELECTOR'],
  ['batch/v1', 'CronJob', 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', 'CONTAINERS IMAGES SELECTOR'],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'NAME ADDRESSTYPE PORTS ENDPOINTS AGE', ''],
  ['events.k8s.io/v1', 'Event', 'LAST SEEN TYPE REASON OBJECT MESSAGE', 'SUBOBJECT SOURCE FIRST SEEN COUNT NAME'],
  ['networking.k8s.io/v1', 'Ingress', 'NAME CLASS HOSTS ADDRESS PORTS AGE', ''],
  ['networking.k8s.io/v1', 'IngressClass', 'NAME CONTROLLER PARAMETERS AGE', ''],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'NAME POD-SELECTOR AGE', ''],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', ''],
  ['autoscaling/v1', 'HorizontalPodAutoscaler', 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', ''],
  ['policy/v1', 'PodDisruptionBudget', 'NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', ''],
  ['coordination.k8s.io/v1', 'Lease', 'NAME HOLDER AGE', ''],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', ''],
  ['storage.k8s.io/v1', 'StorageClass', 'NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE', ''],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'NAME ROLE AGE', 'USERS GROUPS SERVICEACCOUNTS'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'NAME ROLE AGE', 'USERS GROUPS SERVICEACCOUNTS'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'NAME CREATED AT', ''],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'NAME CREATED AT', ''],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'NAME CREATED AT', ''],
  ['v1', 'LimitRange', 'NAME CREATED AT', ''],
];

describe('columnsFor', () => {
  it('should serve the upstream column layout of every printed kind', () => {
    for (const [apiVersion, kind, normal, wide] of HEADERS) {
      const cols = columnsFor(apiVersion, kind);
      const names = (priority: number) =>
        cols
          .filter((c) => c.priority === priority)
          .map((c) => c.name.toUpperCase())
          .join(' ');
      expect([kind, names(0), names(1)]).toEqual([kind, normal, wide]);
    }
  });

  it('should give every column a type and a name column the `name` format', () => {
    for (const info of BUILTIN_RESOURCES) {
      const cols = columnsFor(apiVersionOf(info), info.kind);
      expect(cols.length).toBeGreaterThanOrEqual(2);
      for (const c of cols) expect(['string', 'integer', 'number', 'boolean', 'date']).toContain(c.type);
      expect(cols.filter((c) => c.format === 'name').map((c) => c.name)).toContain('Name');
    }
  });

  it('should produce exactly one cell per column for every kind, even for an empty object', () => {
    for (const info of BUILTIN_RESOURCES) {
      const apiVersion = apiVersionOf(info);
      const printer = printerFor(apiVersion, info.kind);
      const minimal = { apiVersion, kind: info.kind, metadata: { name: 'x' }, spec: {}, status: {}, roleRef: { kind: 'Role', name: 'r' } };
      expect([info.kind, printer.row(minimal, NOW).length]).toEqual([info.kind, printer.columns.length]);
    }
  });
});

describe('buildTable', () => {
  const cm = (name: string, namespace: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `uid-${name}`, creationTimestamp: '2024-01-09T23:59:00Z' }, data: { a: '1' } });

  it('should build a meta.k8s.io/v1 Table with PartialObjectMetadata rows', () => {
    const table = buildTable([cm('a', 'default'), cm('b', 'kube-system')], { now: NOW, resourceVersion: '42' });
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '42' } });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(table.rows[0]).toEqual({
      cells: ['a', 1, '60s'],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'a', namespace: 'default', uid: 'uid-a', creationTimestamp: '2024-01-09T23:59:00Z' } },
    });
  });

  it('should prepend a Namespace column, drop wide columns, and honour includeObject and noHeaders', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'web', creationTimestamp: '2024-01-09T23:59:00Z' }, spec: { type: 'ClusterIP', clusterIP: '10.0.0.1', ports: [{ port: 80 }] } };
    const narrow = buildTable([svc], { now: NOW, wide: false, namespaceColumn: true, includeObject: 'None' });
    expect(narrow.columnDefinitions.map((c) => c.name)).toEqual(['Namespace', 'Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age']);
    expect(narrow.rows[0]).toEqual({ cells: ['web', 's', 'ClusterIP', '10.0.0.1', '<none>', '80/TCP', '60s'], object: null });
    const whole = buildTable([svc], { now: NOW, includeObject: 'Object', noHeaders: true });
    expect(whole.columnDefinitions).toEqual([]);
    expect(whole.rows[0]?.object).toBe(svc);
  });

  it('should take apiVersion and kind from the options for list items without them', () => {
    const item = { metadata: { name: 'n1', creationTimestamp: '2024-01-09T23:59:00Z' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const table = buildTable([item], { now: NOW, apiVersion: 'v1', kind: 'Node', wide: false });
    expect(table.rows[0]?.cells).toEqual(['n1', 'Ready', '<none>', '60s', '']);
    expect(buildTable([], { now: NOW, apiVersion: 'apps/v1', kind: 'Deployment' }).columnDefinitions).toHaveLength(8);
  });
});

describe('tableRow', () => {
  it('should measure ages from the cluster time it is given', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, status: { phase: 'Active' } };
    expect(tableRow(ns, Date.parse('2024-01-01T00:00:45Z')).cells).toEqual(['default', 'Active', '45s']);
    expect(tableRow(ns, Date.parse('2024-01-04T15:00:00Z')).cells).toEqual(['default', 'Active', '3d15h']);
  });
});
