// Upstream ValidatePersistentVolume / ValidatePersistentVolumeClaim and their updates.
import type { PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeSpec } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateLabelSelectorSpec } from '../labelValidation.ts';
import { compareQuantities, ERR_FORMAT_WRONG, formatQuantity, isValidQuantity, parseQuantity, parseQuantityOrZero } from '../quantity.ts';
import { nameIsDnsSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { arr, immutable, semanticEqual, sortedKeys } from './validationUtils.ts';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const PV_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs',
  'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
] as const;

function positiveQuantityErrors(value: unknown, path: string): FieldError[] {
  const s = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (!isValidQuantity(s)) return [fieldError.invalid(path, value, ERR_FORMAT_WRONG)];
  const q = parseQuantity(s);
  return q.nanos <= 0n ? [fieldError.invalid(path, formatQuantity(q), 'must be greater than zero')] : [];
}

function accessModeErrors(modes: readonly string[], path: string): FieldError[] {
  return modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => fieldError.notSupported(path, m, ACCESS_MODES));
}

function classNameErrors(name: string | undefined, path: string): FieldError[] {
  return name ? nameIsDnsSubdomain(name, false).map((m) => fieldError.invalid(path, name, m)) : [];
}

/** Upstream `ValidatePersistentVolumeClaimSpec`. */
export function validateClaimSpec(spec: PersistentVolumeClaimSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes = arr(spec?.accessModes);
  if (modes.length === 0) errs.push(fieldError.required(`${path}.accessModes`, 'at least 1 access mode is required'));
  errs.push(...validateLabelSelectorSpec(spec?.selector, `${path}.selector`), ...accessModeErrors(modes, `${path}.accessModes`));
  const storage = spec?.resources?.requests?.['storage'];
  // Upstream keys the path on `resources`, not `resources.requests`.
  if (storage === undefined) errs.push(fieldError.required(`${path}.resources[storage]`));
  else errs.push(...positiveQuantityErrors(storage, `${path}.resources[storage]`));
  errs.push(...classNameErrors(spec?.storageClassName, `${path}.storageClassName`));
  if (spec?.volumeMode != null && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(fieldError.notSupported(`${path}.volumeMode`, spec.volumeMode, VOLUME_MODES));
  return errs;
}

/** Upstream `ValidatePersistentVolumeClaim`. Expects a defaulted claim. */
export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, true), ...validateClaimSpec(pvc.spec, 'spec')];
}

/** Upstream `ValidatePersistentVolumeClaimUpdate`: spec immutable but for volumeName (once) and a bound claim's storage request (grow only). */
export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pvc.metadata, old.metadata), ...validateClaimSpec(pvc.spec, 'spec')];
  const next: PersistentVolumeClaimSpec = { ...pvc.spec };
  const prev: PersistentVolumeClaimSpec = { ...old.spec };
  if (!prev.volumeName && next.volumeName !== undefined) prev.volumeName = next.volumeName;
  else if (!prev.volumeName) delete next.volumeName;
  if (pvc.status?.phase === 'Bound' && next.resources?.requests != null) {
    next.resources = { ...next.resources, requests: { ...next.resources.requests, storage: prev.resources?.requests?.['storage'] ?? '' } };
  }
  next.volumeAttributesClassName = prev.volumeAttributesClassName ?? '';
  if (!semanticEqual(next, prev)) errs.push(fieldError.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  const newSize = parseQuantityOrZero(pvc.spec?.resources?.requests?.['storage']);
  const oldSize = parseQuantityOrZero(old.spec?.resources?.requests?.['storage']);
  if (compareQuantities(newSize, oldSize) < 0) errs.push(fieldError.forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  errs.push(...immutable(pvc.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
  return errs;
}

function pvSpecErrors(spec: PersistentVolumeSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const modes = arr(spec?.accessModes);
  if (modes.length === 0) errs.push(fieldError.required('spec.accessModes'));
  errs.push(...accessModeErrors(modes, 'spec.accessModes'));
  const capacity = spec?.capacity ?? {};
  const keys = sortedKeys(capacity);
  if (keys.length === 0) errs.push(fieldError.required('spec.capacity'));
  if (!keys.includes('storage') || keys.length > 1) errs.push(fieldError.notSupported('spec.capacity', capacity, ['storage']));
  for (const k of keys) errs.push(...positiveQuantityErrors(capacity[k], `spec.capacity[${k}]`));
  const rp = spec?.persistentVolumeReclaimPolicy;
  if (rp && !RECLAIM_POLICIES.includes(rp)) errs.push(fieldError.notSupported('spec.persistentVolumeReclaimPolicy', rp, RECLAIM_POLICIES));
  errs.push(...classNameErrors(spec?.storageClassName, 'spec.storageClassName'));
  if (spec?.volumeMode != null && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(fieldError.notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  let n = 0;
  for (const kind of PV_SOURCES) {
    if (spec?.[kind] == null) continue;
    if (n++ > 0) {
      errs.push(fieldError.forbidden(`spec.${kind}`, 'may not specify more than 1 volume type'));
      continue;
    }
    if ((kind === 'hostPath' || kind === 'local') && !spec[kind]?.path) errs.push(fieldError.required(`spec.${kind}.path`));
    if (kind === 'local' && spec.nodeAffinity == null) errs.push(fieldError.required('spec.nodeAffinity', 'Local volume requires node affinity'));
    if (kind === 'nfs' && !spec.nfs?.server) errs.push(fieldError.required('spec.nfs.server'));
    if (kind === 'nfs' && !spec.nfs?.path) errs.push(fieldError.required('spec.nfs.path'));
    if (kind === 'csi' && !spec.csi?.driver) errs.push(fieldError.required('spec.csi.driver'));
    if (kind === 'csi' && !spec.csi?.volumeHandle) errs.push(fieldError.required('spec.csi.volumeHandle'));
  }
  if (n === 0) errs.push(fieldError.required('spec', 'must specify a volume type'));
  return errs;
}

/** Upstream `ValidatePersistentVolume`. Expects a defaulted volume. */
export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  return [...validateObjectMeta(pv.metadata, false), ...pvSpecErrors(pv.spec)];
}

/** Upstream `ValidatePersistentVolumeUpdate`: the volume source and volumeMode are immutable. */
export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pv.metadata, old.metadata), ...pvSpecErrors(pv.spec)];
  const source = (s: PersistentVolumeSpec | undefined): unknown[] => PV_SOURCES.map((k) => s?.[k]);
  if (!semanticEqual(source(pv.spec), source(old.spec))) errs.push(fieldError.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  errs.push(...immutable(pv.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
  return errs;
}
