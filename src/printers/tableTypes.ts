import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../api/meta.ts';

/** The JSON types a column may declare (OpenAPI types; `date` is a timestamp rendered as an age). */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

/**
 * One column of a `meta.k8s.io/v1` Table. `priority` 0 columns are always shown; priority 1 only with
 * `kubectl get -o wide`.
 * @public
 */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** A cell value: what kube-apiserver puts in `rows[].cells` (a JSON scalar, or null for "no value"). */
export type TableCell = string | number | boolean | null;

/** A row condition (`Completed` for pods that have succeeded or failed). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The object kube-apiserver attaches to a row with `includeObject=Metadata` (the default). */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

/** One row of a Table. */
export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: PartialObjectMetadata | KubeObject | null;
}

/**
 * A `meta.k8s.io/v1` Table: what `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` returns.
 * @public
 */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/**
 * How one kind prints: its columns (wide ones included, as the server always generates them) and a row
 * function whose cells line up with those columns. `now` is the cluster clock in ms.
 * @public
 */
export interface KindPrinter {
  readonly columns: readonly TableColumnDefinition[];
  row(obj: KubeObject, now: number): TableCell[];
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}

/** A CRD's `additionalPrinterColumns` entry (apiextensions.k8s.io/v1 `CustomResourceColumnDefinition`). */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string | undefined;
  description?: string | undefined;
  priority?: number | undefined;
}
