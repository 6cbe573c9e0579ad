import type { KubeObject } from '../api/meta.ts';
import { NAME_COLUMN, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { goValueText } from './goValueText.ts';
import { translateTimestampSince } from './humanDuration.ts';
import { evaluateJsonPath } from './jsonPath.ts';
import type { KindPrinter, PrinterColumn, TableCell, TableColumnDefinition } from './tableTypes.ts';

/** The column a CRD version without `additionalPrinterColumns` is served with. */
export const DEFAULT_PRINTER_COLUMNS: readonly PrinterColumn[] = Object.freeze([
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: FIELD_DOCS.creationTimestamp },
]);

/** A non-string cell from a JSON value (upstream `cellForJSONValue`); null when the type does not fit. */
function typedCell(type: string, value: unknown, now: number): TableCell {
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : translateTimestampSince(value, now);
    default:
      return null;
  }
}

/**
 * The cell of one printer column: the first JSONPath result, printed as text for `string` columns and
 * typed otherwise; null when the path finds nothing or cannot be evaluated.
 */
export function printerColumnCell(column: PrinterColumn, obj: KubeObject, now: number): TableCell {
  let results: unknown[];
  try {
    results = evaluateJsonPath(column.jsonPath, obj);
  } catch {
    return null;
  }
  const value = results[0];
  if (results.length === 0 || value === null || value === undefined) return null;
  return column.type === 'string' ? goValueText(value) : typedCell(column.type, value, now);
}

/**
 * The printer of a custom resource (apiextensions-apiserver's table convertor): NAME, then one column per
 * `additionalPrinterColumns` entry; with none, a single AGE column.
 * @public
 */
export function customResourcePrinter(printerColumns: readonly PrinterColumn[]): KindPrinter {
  const used = printerColumns.length === 0 ? DEFAULT_PRINTER_COLUMNS : printerColumns;
  const columns: TableColumnDefinition[] = [
    NAME_COLUMN,
    ...used.map((c) => col(c.name, c.type, c.description ?? '', c.priority ?? 0, c.format ?? '')),
  ];
  return {
    columns,
    row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), ...used.map((c) => printerColumnCell(c, obj, now))],
  };
}

/** RFC 3339 in UTC to the second, the zero time for a missing timestamp (Go `Format(time.RFC3339)`). */
function rfc3339(timestamp: string | undefined): string {
  const ms = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  if (Number.isNaN(ms)) return '0001-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * kube-apiserver's default table for built-in kinds without a printer (Role, ClusterRole, LimitRange,
 * CustomResourceDefinition …): NAME and CREATED AT, a `date` column holding the RFC 3339 timestamp.
 * @public
 */
export const defaultPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Created At', 'date', FIELD_DOCS.creationTimestamp)],
  row: (obj: KubeObject): TableCell[] => [nameOf(obj), rfc3339(obj.metadata?.creationTimestamp)],
};
