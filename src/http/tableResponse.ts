import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { KubeObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { BUILTIN_RESOURCES } from '../api/builtinResources.ts';
import { badRequest } from '../api/status.ts';
import type { ApiServer } from '../apiserver/apiServer.ts';
import { buildTable } from '../printers/index.ts';
import type { IncludeObject, PrinterColumn, Table } from '../printers/index.ts';
import type { ResponseEncoding } from './mediaTypes.ts';

const BUILTIN: ReadonlySet<string> = new Set(BUILTIN_RESOURCES.map((r) => `${r.group}/${r.plural}`));

/** A custom resource's `additionalPrinterColumns` from its CRD (undefined for built-in kinds). */
export function printerColumnsOf(api: ApiServer, info: ResourceInfo): PrinterColumn[] | undefined {
  if (BUILTIN.has(`${info.group}/${info.plural}`)) return undefined;
  try {
    const crd = api.get<CustomResourceDefinition>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }, `${info.plural}.${info.group}`);
    const version = crd.spec.versions.find((v) => v.name === info.version);
    return (version?.additionalPrinterColumns ?? []).map((c) => ({ ...c }));
  } catch {
    // A resource registered in code (defineResource) has no CRD object: AGE only.
    return [];
  }
}

function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject') ?? 'Metadata';
  if (v !== 'None' && v !== 'Metadata' && v !== 'Object') throw badRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
  return v;
}

/** Options of {@link tableOf} beyond the objects. */
export interface TableRequest {
  readonly api: ApiServer;
  readonly info: ResourceInfo;
  readonly now: number;
  readonly query: URLSearchParams;
  readonly encoding: ResponseEncoding;
  readonly resourceVersion?: string | undefined;
  readonly continue?: string | undefined;
  readonly noHeaders?: boolean;
}

/**
 * The `meta.k8s.io` Table kube-apiserver answers for `Accept: application/json;as=Table;…`: the kind's
 * columns (the CRD's printer columns for custom resources) and one row per object, with the row
 * object as `includeObject` asks.
 */
export function tableOf(objects: readonly KubeObject[], r: TableRequest): Table {
  const table = buildTable(objects, {
    now: r.now,
    apiVersion: apiVersionOf(r.info),
    kind: r.info.kind,
    printerColumns: printerColumnsOf(r.api, r.info),
    includeObject: includeObjectOf(r.query),
    noHeaders: r.noHeaders === true,
    resourceVersion: r.resourceVersion,
    continue: r.continue,
  });
  if (r.encoding === 'table-v1beta1') return { ...table, apiVersion: 'meta.k8s.io/v1beta1' as 'meta.k8s.io/v1' };
  return table;
}

/** True for the Table encodings. */
export function isTable(encoding: ResponseEncoding): boolean {
  return encoding === 'table-v1' || encoding === 'table-v1beta1';
}
