import type { ConfigMap, ResourceQuota, Secret, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf, quantityText } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

/** `kubectl get configmaps`: NAME DATA AGE (DATA counts `data` and `binaryData` keys). @public */
export const configMapPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Data', 'string', FIELD_DOCS.configMapData), AGE_COLUMN],
  row(obj: KubeObject, now: number): TableCell[] {
    const cm = obj as ConfigMap;
    return [nameOf(obj), Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, ageOf(obj, now)];
  },
};

/**
 * `kubectl get secrets`: NAME TYPE DATA AGE. DATA counts the keys of `data` and of `stringData` (the
 * server merges `stringData` into `data` on write, so a key in both counts once).
 * @public
 */
export const secretPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Type', 'string', FIELD_DOCS.secretType), col('Data', 'string', FIELD_DOCS.secretData), AGE_COLUMN],
  row(obj: KubeObject, now: number): TableCell[] {
    const s = obj as Secret;
    const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
    return [nameOf(obj), s.type ?? 'Opaque', keys.size, ageOf(obj, now)];
  },
};

/** `kubectl get serviceaccounts`: NAME SECRETS AGE. @public */
export const serviceAccountPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Secrets', 'string', FIELD_DOCS.saSecrets), AGE_COLUMN],
  row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), ((obj as ServiceAccount).secrets ?? []).length, ageOf(obj, now)],
};

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `kubectl get quota`: NAME REQUEST LIMIT AGE, each cell `resource: used/hard` for the hard limits in
 * status, sorted by name; `limits.*` resources go to LIMIT, all others to REQUEST.
 * @public
 */
export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const status = (obj as ResourceQuota).status;
    const hard = status?.hard ?? {};
    const used = status?.used ?? {};
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of Object.keys(hard).sort(compareStrings)) {
      const pieces = resource.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
      target.push(`${resource}: ${quantityText(used[resource])}/${quantityText(hard[resource])}`);
    }
    return [nameOf(obj), requests.join(', '), limits.join(', '), ageOf(obj, now)];
  },
};
