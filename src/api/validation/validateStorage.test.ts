import { describe, it, expect } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { defaultPersistentVolume, defaultPersistentVolumeClaim } from '../defaults/defaultCore.ts';
import { messages } from './testObjects.ts';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate, validatePersistentVolumeUpdate } from './validateStorage.ts';

const claim = (): PersistentVolumeClaim =>
  defaultPersistentVolumeClaim({ metadata: { name: 'data', namespace: 'default', resourceVersion: '1' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
const volume = (): PersistentVolume =>
  defaultPersistentVolume({ metadata: { name: 'pv-1', resourceVersion: '1' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' }, hostPath: { path: '/data' } } });

describe('validatePersistentVolumeClaim', () => {
  it('should accept a defaulted claim', () => {
    expect(validatePersistentVolumeClaim(claim())).toEqual([]);
  });

  it('should report missing access modes and storage, bad modes and sizes', () => {
    expect(messages(validatePersistentVolumeClaim({ metadata: { name: 'c', namespace: 'd' }, spec: {} }))).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
    expect(messages(validatePersistentVolumeClaim({ metadata: { name: 'c', namespace: 'd' }, spec: { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '0' } }, volumeMode: 'Raw' } }))).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
      'spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"',
    ]);
  });

  it('should allow binding once and growing a bound claim, nothing else', () => {
    const old = claim();
    expect(validatePersistentVolumeClaimUpdate({ ...old, spec: { ...old.spec, volumeName: 'pv-1' } }, old)).toEqual([]);
    const bound: PersistentVolumeClaim = { ...old, spec: { ...old.spec, volumeName: 'pv-1' }, status: { phase: 'Bound' } };
    expect(validatePersistentVolumeClaimUpdate({ ...bound, spec: { ...bound.spec, resources: { requests: { storage: '2Gi' } } } }, bound)).toEqual([]);
    expect(messages(validatePersistentVolumeClaimUpdate({ ...bound, spec: { ...bound.spec, resources: { requests: { storage: '512Mi' } } } }, bound))).toEqual([
      'spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    ]);
    expect(messages(validatePersistentVolumeClaimUpdate({ ...bound, spec: { ...bound.spec, volumeName: 'pv-2' } }, bound))).toEqual([
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ]);
  });
});

describe('validatePersistentVolume', () => {
  it('should accept a defaulted volume', () => {
    expect(validatePersistentVolume(volume())).toEqual([]);
  });

  it('should report a missing source, capacity and a bad reclaim policy', () => {
    expect(messages(validatePersistentVolume({ metadata: { name: 'pv' }, spec: { accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Keep' } }))).toEqual([
      'spec.capacity: Required value',
      'spec.capacity: Unsupported value: {}: supported values: "storage"',
      'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
      'spec: Required value: must specify a volume type',
    ]);
  });

  it('should require node affinity for local volumes', () => {
    expect(messages(validatePersistentVolume({ ...volume(), spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, local: { path: '/mnt' } } }))).toEqual([
      'spec.nodeAffinity: Required value: Local volume requires node affinity',
    ]);
  });

  it('should keep the source immutable but let the reclaim policy change', () => {
    const old = volume();
    expect(validatePersistentVolumeUpdate({ ...old, spec: { ...old.spec, persistentVolumeReclaimPolicy: 'Delete' } }, old)).toEqual([]);
    expect(messages(validatePersistentVolumeUpdate({ ...old, spec: { ...old.spec, hostPath: { path: '/other', type: '' } } }, old))).toEqual([
      'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation',
    ]);
  });
});
