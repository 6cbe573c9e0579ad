import type { CSIDriver, CSINode, VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

/** `kubectl get volumeattachments`: NAME ATTACHER PV NODE ATTACHED AGE. @public */
export const volumeAttachmentPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Attacher', 'string', FIELD_DOCS.vaAttacher, 0, 'name'),
    col('PV', 'string', FIELD_DOCS.vaPersistentVolumeName),
    col('Node', 'string', FIELD_DOCS.vaNodeName),
    col('Attached', 'boolean', FIELD_DOCS.vaAttached),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const va = obj as VolumeAttachment;
    return [nameOf(obj), va.spec?.attacher ?? '', va.spec?.source?.persistentVolumeName ?? '', va.spec?.nodeName ?? '', va.status?.attached ?? false, ageOf(obj, now)];
  },
};

/**
 * `kubectl get csidrivers`: NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS
 * REQUIRESREPUBLISH MODES AGE.
 * @public
 */
export const csiDriverPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('AttachRequired', 'boolean', FIELD_DOCS.csiAttachRequired),
    col('PodInfoOnMount', 'boolean', FIELD_DOCS.csiPodInfoOnMount),
    col('StorageCapacity', 'boolean', FIELD_DOCS.csiStorageCapacity),
    col('TokenRequests', 'string', FIELD_DOCS.csiTokenRequests),
    col('RequiresRepublish', 'boolean', FIELD_DOCS.csiRequiresRepublish),
    col('Modes', 'string', FIELD_DOCS.csiModes),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const spec = (obj as CSIDriver).spec ?? {};
    const modes = (spec.volumeLifecycleModes ?? []).join(',');
    const tokens = spec.tokenRequests === undefined ? '<unset>' : spec.tokenRequests.map((t) => t.audience).join(',');
    return [
      nameOf(obj),
      spec.attachRequired ?? true,
      spec.podInfoOnMount ?? false,
      spec.storageCapacity ?? false,
      tokens,
      spec.requiresRepublish ?? false,
      modes === '' ? '<none>' : modes,
      ageOf(obj, now),
    ];
  },
};

/** `kubectl get csinodes`: NAME DRIVERS AGE. @public */
export const csiNodePrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), AGE_COLUMN],
  row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), ((obj as CSINode).spec?.drivers ?? []).length, ageOf(obj, now)],
};
