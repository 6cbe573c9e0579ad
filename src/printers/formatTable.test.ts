import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellText, formatTable } from './formatTable.ts';
import type { Table, TableCell } from './tableTypes.ts';

function table(columns: [string, number][], rows: { cells: TableCell[]; namespace?: string; labels?: Record<string, string> }[]): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: columns.map(([name, priority], i) => ({ name, type: 'string', format: i === 0 ? 'name' : '', description: '', priority })),
    rows: rows.map((r) => ({
      cells: r.cells,
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: String(r.cells[0]), ...(r.namespace === undefined ? {} : { namespace: r.namespace }), ...(r.labels === undefined ? {} : { labels: r.labels }) } },
    })),
  };
}

const pods = table(
  [
    ['Name', 0],
    ['Ready', 0],
    ['Age', 0],
    ['Node', 1],
  ],
  [
    { cells: ['web-1', '1/1', '5m', 'node-a'], namespace: 'default', labels: { app: 'web', 'app.kubernetes.io/tier': 'front' } },
    { cells: ['db', '0/1', '17h', null], namespace: 'data' },
  ],
);

describe('formatTable', () => {
  it('should pad columns to the widest cell plus three spaces, at least six, and leave the last column unpadded', () => {
    expect(formatTable(pods)).toBe(['NAME    READY   AGE', 'web-1   1/1     5m', 'db      0/1     17h', ''].join('\n'));
  });

  it('should add wide columns, the NAMESPACE column and drop headers on request', () => {
    expect(formatTable(pods, { wide: true, namespaceColumn: true, noHeaders: true })).toBe(['default   web-1   1/1   5m    node-a', 'data      db      0/1   17h', ''].join('\n'));
  });

  it('should add -L label columns, --show-labels and kind-prefixed names', () => {
    expect(formatTable(pods, { labelColumns: ['app.kubernetes.io/tier'], showLabels: true, kindPrefix: 'pod' })).toBe(
      ['NAME        READY   AGE   TIER    LABELS', 'pod/web-1   1/1     5m    front   app=web,app.kubernetes.io/tier=front', 'pod/db      0/1     17h           <none>', ''].join('\n'),
    );
  });

  it('should not add a second NAMESPACE column to a table that has one', () => {
    const withNs = table(
      [
        ['Namespace', 0],
        ['Name', 0],
      ],
      [{ cells: ['default', 'x'], namespace: 'default' }],
    );
    expect(formatTable(withNs, { namespaceColumn: true })).toBe('NAMESPACE   NAME\ndefault     x\n');
  });

  it('should print nothing for an empty table', () => {
    expect(formatTable(table([['Name', 0]], []))).toBe('');
  });

  it('should print cells as kubectl does: blank null, cut multi-line text, escape ESC, Go numbers', () => {
    expect([null, 'a\nb', 'x\r', '\x1b[31mred', 7, 0.5, true].map((c) => cellText(c))).toEqual(['', 'a...', 'x...', '^[[31mred', '7', '0.5', 'true']);
  });

  it('should align every column start across all lines and never end a line with a space', () => {
    const cell = fc.stringMatching(/^[a-z0-9/<>.-]{0,12}$/);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (n, raw) => {
        const names = Array.from({ length: n }, (_, i): [string, number] => [`Col${i}`, 0]);
        const rows = raw.map((cells) => ({ cells: cells.slice(0, n) }));
        const lines = formatTable(table(names, rows)).split('\n').slice(0, -1);
        expect(lines).toHaveLength(rows.length + 1);
        for (const l of lines) expect(l).toBe(l.trimEnd());
        // Column c starts at the same offset on every line: the sum of the previous widths.
        const widths = names.slice(0, -1).map((_, c) => Math.max(6, 3 + Math.max(`COL${c}`.length, ...rows.map((r) => (r.cells[c] ?? '').length))));
        for (const [r, l] of lines.entries()) {
          const cells = r === 0 ? names.map(([h]) => h.toUpperCase()) : (rows[r - 1]?.cells ?? []);
          let offset = 0;
          cells.forEach((text, c) => {
            expect(l.slice(offset, offset + String(text).length)).toBe(text);
            offset += widths[c] ?? 0;
          });
        }
      }),
    );
  });
});
