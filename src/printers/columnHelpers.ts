import type { Container } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { formatMatchLabels } from '../api/labelSelector.ts';
import { formatQuantity, parseQuantity } from '../api/quantity.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { translateTimestampSince } from './humanDuration.ts';
import type { TableColumnDefinition } from './tableTypes.ts';

/** A column definition; `priority` 1 marks an `-o wide` column. */
export function col(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return Object.freeze({ name, type, format, description, priority });
}

/** The `Name` column every built-in printer starts with. */
export const NAME_COLUMN = col('Name', 'string', FIELD_DOCS.name, 0, 'name');

/** The `Age` column (a string cell: the object's age at `now`). */
export const AGE_COLUMN = col('Age', 'string', FIELD_DOCS.creationTimestamp);

/** Wide `Containers` column of the workload printers. */
export const CONTAINERS_COLUMN = col('Containers', 'string', 'Names of each container in the template.', 1);

/** Wide `Images` column of the workload printers. */
export const IMAGES_COLUMN = col('Images', 'string', 'Images referenced by each container in the template.', 1);

/** The AGE cell of an object at cluster time `now`. */
export function ageOf(obj: KubeObject, now: number): string {
  return translateTimestampSince(obj.metadata?.creationTimestamp, now);
}

/** The name cell of an object. */
export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

/** Container names and images, comma-joined (upstream `layoutContainerCells`). */
export function layoutContainerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** A label map as `k=v,k=v` sorted by key, `<none>` when empty (upstream `labels.FormatLabels`). */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const text = formatMatchLabels(labels);
  return text === '' ? '<none>' : text;
}

/** `True`/`False`, `<unset>` for an absent pointer (upstream `printBoolPtr`). */
export function printBoolPtr(value: boolean | undefined): string {
  return value === undefined ? '<unset>' : value ? 'True' : 'False';
}

/**
 * A quantity in canonical form, as `Quantity.String()` prints it (`1024Mi` → `1Gi`); `0` when absent
 * (the zero Quantity). Text that does not parse is shown as stored.
 */
export function quantityText(value: string | number | undefined): string {
  if (value === undefined) return '0';
  try {
    return formatQuantity(parseQuantity(value));
  } catch {
    return String(value);
  }
}

/** Appends ` + N more...` when a list was cut at `max` (upstream `listWithMoreString`, without `<unset>`). */
export function joinWithMore(list: readonly string[], count: number, max: number, separator = ','): string {
  const text = list.join(separator);
  return count > max ? `${text} + ${count - max} more...` : text;
}

/** `true` when the object has a condition of `type` whose status is `True`. */
export function hasTrueCondition(conditions: readonly { type: string; status: string }[] | undefined, type: string): boolean {
  const found = conditions?.find((c) => c.type === type);
  return found?.status === 'True';
}
