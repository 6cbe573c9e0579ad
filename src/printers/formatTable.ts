import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { formatLabels } from './columnHelpers.ts';
import { goNumberText } from './goValueText.ts';
import type { Table, TableCell, TableRow } from './tableTypes.ts';

/** Options of {@link formatTable}, named after the `kubectl get` flags they mirror. */
export interface FormatTableOptions {
  /** `-o wide`: show priority-1 columns. */
  wide?: boolean | undefined;
  /** `--no-headers`. */
  noHeaders?: boolean | undefined;
  /** `-A`: a NAMESPACE first column from each row's object metadata (skipped if the table already has one). */
  namespaceColumn?: boolean | undefined;
  /** `-L key,…`: one column per label key, headed by the key's last `/` segment upper-cased. */
  labelColumns?: readonly string[] | undefined;
  /** `--show-labels`: a trailing LABELS column (`k=v,…` sorted by key, `<none>`). */
  showLabels?: boolean | undefined;
  /** Prefix name cells with `<prefix>/`, as kubectl does when several kinds are listed (`pod/web-1`). */
  kindPrefix?: string | undefined;
}

// kubectl's tabwriter: minimum cell width 6 including 3 spaces of padding.
const MIN_WIDTH = 6;
const PADDING = 3;

/** A cell as kubectl prints it: null blank, text cut at the first line break (`...`), ESC shown as `^[`. */
export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return goNumberText(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const lineBreak = cell.search(/[\f\n\r]/);
  const text = lineBreak >= 0 ? `${cell.slice(0, lineBreak)}...` : cell;
  return text.replaceAll('\x1b', '^[');
}

function metadataOf(row: TableRow): ObjectMeta {
  const object = row.object;
  return object !== null && object !== undefined && object.metadata !== undefined ? object.metadata : {};
}

function width(text: string): number {
  return [...text].length;
}

/**
 * Renders a Table as `kubectl get` prints it: upper-case headers, columns padded to their widest cell plus
 * three spaces (at least six), the last column unpadded, trailing spaces trimmed, rows in table order.
 * Priority-1 columns appear only with `wide`. An empty table renders as `''` (kubectl prints nothing to
 * stdout then, and "No resources found" to stderr).
 * @public
 */
export function formatTable(table: Table, options: FormatTableOptions = {}): string {
  if (table.rows.length === 0) return '';
  const defs = table.columnDefinitions;
  const visible = defs.map((_, i) => i).filter((i) => options.wide === true || defs[i]?.priority === 0);
  const headers = visible.map((i) => (defs[i]?.name ?? '').toUpperCase());
  const nameIndex = defs.findIndex((d) => d.format === 'name');
  const addNamespace = options.namespaceColumn === true && defs[0]?.name !== 'Namespace';
  const labelKeys = options.labelColumns ?? [];
  if (addNamespace) headers.unshift('NAMESPACE');
  headers.push(...labelKeys.map((k) => (k.split('/').pop() ?? k).toUpperCase()));
  if (options.showLabels === true) headers.push('LABELS');

  const lines: string[][] = options.noHeaders === true ? [] : [headers];
  for (const row of table.rows) {
    const meta = metadataOf(row);
    const cells = visible.map((i) => {
      const text = cellText(row.cells[i]);
      return i === nameIndex && options.kindPrefix !== undefined ? `${options.kindPrefix}/${text}` : text;
    });
    if (addNamespace) cells.unshift(meta.namespace ?? '');
    cells.push(...labelKeys.map((k) => meta.labels?.[k] ?? ''));
    if (options.showLabels === true) cells.push(formatLabels(meta.labels));
    lines.push(cells);
  }

  const columnCount = headers.length;
  const widths: number[] = [];
  for (let c = 0; c < columnCount - 1; c++) {
    widths.push(Math.max(MIN_WIDTH, ...lines.map((l) => width(l[c] ?? '') + PADDING)));
  }
  return lines
    .map((l) =>
      l
        .map((text, c) => (c < columnCount - 1 ? text + ' '.repeat((widths[c] ?? 0) - width(text)) : text))
        .join('')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
