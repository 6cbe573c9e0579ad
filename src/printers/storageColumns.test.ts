import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { describe, expect, it } from 'vitest';
import { cellText } from './formatTable.ts';
import { accessModesText } from './storageColumns.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();
const cells = (obj: PersistentVolume | PersistentVolumeClaim | StorageClass | object, wide = false): string[] =>
  (buildTable([obj], { now: NOW, wide }).rows[0]?.cells ?? []).map(cellText);

const pv: PersistentVolume = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'mongodb-pv', creationTimestamp: at(30) },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadOnlyMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/tmp/mongodb' } },
  status: { phase: 'Available' },
};

describe('persistentVolumePrinter', () => {
  it('should print an available then a bound PV (seeds-003b §1.2, §1.3)', () => {
    expect(cells(pv)).toEqual(['mongodb-pv', '1Gi', 'RWO,ROX', 'Retain', 'Available', '', '', '<unset>', '', '30s']);
    const bound: PersistentVolume = { ...pv, spec: { ...pv.spec, claimRef: { namespace: 'default', name: 'mongodb-pvc' } }, status: { phase: 'Bound' } };
    expect(cells(bound, true)).toEqual(['mongodb-pv', '1Gi', 'RWO,ROX', 'Retain', 'Bound', 'default/mongodb-pvc', '', '<unset>', '', '30s', '<unset>']);
  });

  it('should print a dynamically provisioned PV with its class, canonical capacity and Terminating when deleted', () => {
    const dynamic: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pvc-307d8350', creationTimestamp: at(30), deletionTimestamp: at(1) },
      spec: { capacity: { storage: '102400Ki' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'fast', volumeMode: 'Filesystem', claimRef: { namespace: 'default', name: 'mongodb-pvc' } },
      status: { phase: 'Bound' },
    };
    expect(cells(dynamic, true)).toEqual(['pvc-307d8350', '100Mi', 'RWO', 'Delete', 'Terminating', 'default/mongodb-pvc', 'fast', '<unset>', '', '30s', 'Filesystem']);
  });

  it('should abbreviate access modes in the fixed RWO, ROX, RWX, RWOP order', () => {
    expect(accessModesText(['ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce', 'ReadWriteOnce'])).toBe('RWO,ROX,RWX,RWOP');
    expect(accessModesText(undefined)).toBe('');
  });
});

describe('persistentVolumeClaimPrinter', () => {
  const pvc: PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'mongodb-pvc', namespace: 'default', creationTimestamp: at(20) },
    spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'], storageClassName: '' },
    status: { phase: 'Pending' },
  };

  it('should leave CAPACITY and ACCESS MODES empty until bound', () => {
    expect(cells(pvc)).toEqual(['mongodb-pvc', 'Pending', '', '', '', '', '<unset>', '20s']);
  });

  it('should print the bound volume with the volume access modes (seeds-003b §1.3, §7.4)', () => {
    const bound: PersistentVolumeClaim = { ...pvc, spec: { ...pvc.spec, volumeName: 'mongodb-pv' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] } };
    expect(cells(bound)).toEqual(['mongodb-pvc', 'Bound', 'mongodb-pv', '1Gi', 'RWO,ROX', '', '<unset>', '20s']);
    const legacy: PersistentVolumeClaim = {
      ...bound,
      metadata: { ...bound.metadata, name: 'data-kubia-0', annotations: { 'volume.beta.kubernetes.io/storage-class': 'standard' } },
      spec: { ...bound.spec, storageClassName: 'ignored', volumeAttributesClassName: 'gold', volumeMode: 'Block' },
    };
    expect(cells(legacy, true)).toEqual(['data-kubia-0', 'Bound', 'mongodb-pv', '1Gi', 'RWO,ROX', 'standard', 'gold', '20s', 'Block']);
  });
});

describe('storageClassPrinter', () => {
  it('should print `kubectl get sc` with defaults and the (default) marker (seeds-003b §2.1)', () => {
    const fast: StorageClass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast', creationTimestamp: at(9) }, provisioner: 'k8s.io/minikube-hostpath', parameters: { type: 'pd-ssd' } };
    const standard: StorageClass = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', creationTimestamp: at(9), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'k8s.io/minikube-hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    };
    expect(cells(fast)).toEqual(['fast', 'k8s.io/minikube-hostpath', 'Delete', 'Immediate', 'false', '9s']);
    expect(cells(standard)).toEqual(['standard (default)', 'k8s.io/minikube-hostpath', 'Delete', 'Immediate', 'false', '9s']);
  });
});

describe('csi printers', () => {
  it('should print volume attachments, CSI drivers and CSI nodes', () => {
    const va = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'csi-123', creationTimestamp: at(4) }, spec: { attacher: 'ebs.csi.aws.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } }, status: { attached: true } };
    const driver = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'hostpath.csi.k8s.io', creationTimestamp: at(4) }, spec: { volumeLifecycleModes: ['Persistent', 'Ephemeral'], podInfoOnMount: true } };
    const csiNode = { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: 'node-1', creationTimestamp: at(4) }, spec: { drivers: [{ name: 'a', nodeID: 'n' }] } };
    expect(cells(va)).toEqual(['csi-123', 'ebs.csi.aws.com', 'pv-1', 'node-1', 'true', '4s']);
    expect(cells(driver)).toEqual(['hostpath.csi.k8s.io', 'true', 'true', 'false', '<unset>', 'false', 'Persistent,Ephemeral', '4s']);
    expect(cells(csiNode)).toEqual(['node-1', '1', '4s']);
  });
});
