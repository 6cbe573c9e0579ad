import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf, quantityText } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const MODE_ABBREVIATIONS: readonly [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** Access modes as kubectl abbreviates them, in the fixed order RWO, ROX, RWX, RWOP (upstream `GetAccessModesAsString`). */
export function accessModesText(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return MODE_ABBREVIATIONS.filter(([mode]) => set.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** The storage class of a PV or PVC: the beta annotation wins over `spec.storageClassName`. */
function storageClassOf(obj: PersistentVolume | PersistentVolumeClaim): string {
  const beta = obj.metadata?.annotations?.[BETA_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return obj.spec?.storageClassName ?? '';
}

function isTerminating(obj: KubeObject): boolean {
  return obj.metadata?.deletionTimestamp !== undefined && obj.metadata.deletionTimestamp !== null;
}

/**
 * `kubectl get pv`: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
 * VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE.
 * @public
 */
export const persistentVolumePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Capacity', 'string', FIELD_DOCS.pvCapacity),
    col('Access Modes', 'string', FIELD_DOCS.pvAccessModes),
    col('Reclaim Policy', 'string', FIELD_DOCS.pvReclaimPolicy),
    col('Status', 'string', FIELD_DOCS.pvPhase),
    col('Claim', 'string', FIELD_DOCS.pvClaimRef),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', FIELD_DOCS.pvReason),
    AGE_COLUMN,
    col('VolumeMode', 'string', FIELD_DOCS.pvVolumeMode, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const pv = obj as PersistentVolume;
    const spec = pv.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    return [
      nameOf(obj),
      quantityText(spec.capacity?.['storage']),
      accessModesText(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      isTerminating(obj) ? 'Terminating' : (pv.status?.phase ?? ''),
      claim,
      storageClassOf(pv),
      spec.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      ageOf(obj, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

/**
 * `kubectl get pvc`: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide
 * VOLUMEMODE. CAPACITY and ACCESS MODES come from the status (the bound volume's), only once bound.
 * @public
 */
export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', FIELD_DOCS.pvcPhase),
    col('Volume', 'string', FIELD_DOCS.pvcVolumeName),
    col('Capacity', 'string', FIELD_DOCS.pvcCapacity),
    col('Access Modes', 'string', FIELD_DOCS.pvcAccessModes),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COLUMN,
    col('VolumeMode', 'string', FIELD_DOCS.pvcVolumeMode, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const pvc = obj as PersistentVolumeClaim;
    const spec = pvc.spec ?? {};
    const bound = (spec.volumeName ?? '') !== '';
    return [
      nameOf(obj),
      isTerminating(obj) ? 'Terminating' : (pvc.status?.phase ?? ''),
      spec.volumeName ?? '',
      bound ? quantityText(pvc.status?.capacity?.['storage']) : '',
      bound ? accessModesText(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      spec.volumeAttributesClassName ?? '<unset>',
      ageOf(obj, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

/** Whether a StorageClass carries the (beta) default-class annotation set to `"true"`. */
export function isDefaultStorageClass(obj: KubeObject): boolean {
  const a = obj.metadata?.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/**
 * `kubectl get sc`: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE; the default
 * class is named `standard (default)`.
 * @public
 */
export const storageClassPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Provisioner', 'string', FIELD_DOCS.scProvisioner),
    col('ReclaimPolicy', 'string', FIELD_DOCS.scReclaimPolicy),
    col('VolumeBindingMode', 'string', FIELD_DOCS.scVolumeBindingMode),
    col('AllowVolumeExpansion', 'string', FIELD_DOCS.scAllowVolumeExpansion),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const sc = obj as StorageClass;
    const name = isDefaultStorageClass(obj) ? `${nameOf(obj)} (default)` : nameOf(obj);
    return [name, sc.provisioner, sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate', sc.allowVolumeExpansion ?? false, ageOf(obj, now)];
  },
};
