import { describe, expect, it } from 'vitest';
import { printerColumnCell } from './customColumns.ts';
import { goNumberText, goValueText } from './goValueText.ts';
import { formatTable } from './formatTable.ts';
import { buildTable, columnsFor } from './tableColumns.ts';
import type { PrinterColumn } from './tableTypes.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();

const columns: PrinterColumn[] = [
  { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', description: 'desired replicas' },
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

const crontab = (name: string, spec: Record<string, unknown>, ready?: string) => ({
  apiVersion: 'stable.example.com/v1',
  kind: 'CronTab',
  metadata: { name, namespace: 'default', creationTimestamp: at(300) },
  spec,
  ...(ready === undefined ? {} : { status: { conditions: [{ type: 'Ready', status: ready }] } }),
});

describe('custom resource printer', () => {
  it('should serve NAME plus the additionalPrinterColumns as column definitions', () => {
    expect(columnsFor('stable.example.com/v1', 'CronTab', columns).map((c) => [c.name, c.type, c.priority, c.description])).toEqual([
      ['Name', 'string', 0, expect.stringContaining('Name must be unique') as unknown],
      ['Replicas', 'integer', 0, 'desired replicas'],
      ['Ready', 'string', 0, ''],
      ['Image', 'string', 1, ''],
      ['Age', 'date', 0, ''],
    ]);
  });

  it('should fill cells by JSONPath, render dates as ages and leave missing values empty', () => {
    const table = buildTable([crontab('a', { replicas: 3, image: 'my-cron:1' }, 'True'), crontab('b', { image: 'my-cron:2' })], { now: NOW, printerColumns: columns });
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['a', 3, 'True', 'my-cron:1', '5m'],
      ['b', null, null, 'my-cron:2', '5m'],
    ]);
    expect(formatTable(table)).toBe(['NAME   REPLICAS   READY   AGE', 'a      3          True    5m', 'b                         5m', ''].join('\n'));
  });

  it('should serve an AGE column for a CRD without printer columns, and for unknown kinds', () => {
    const obj = crontab('c', {});
    for (const table of [buildTable([obj], { now: NOW, printerColumns: [] }), buildTable([obj], { now: NOW })]) {
      expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age']);
      expect(table.rows[0]?.cells).toEqual(['c', '5m']);
    }
  });

  it('should type cells like the apiextensions table convertor', () => {
    const cell = (type: string, value: unknown) => printerColumnCell({ name: 'x', type, jsonPath: '.v' }, { v: value } as object, NOW);
    expect(cell('integer', 2.9)).toBe(2);
    expect(cell('integer', 'two')).toBeNull();
    expect(cell('number', 1.5)).toBe(1.5);
    expect(cell('boolean', true)).toBe(true);
    expect(cell('boolean', 'true')).toBeNull();
    expect(cell('date', at(90))).toBe('90s');
    expect(cell('date', 'not a date')).toBe('<invalid>');
    expect(cell('string', { b: 1, a: ['<x>'] })).toBe('{"a":["\\u003cx\\u003e"],"b":1}');
    expect(cell('string', 42)).toBe('42');
    expect(cell('string', null)).toBeNull();
    expect(printerColumnCell({ name: 'x', type: 'string', jsonPath: '.v[' }, { v: 1 } as object, NOW)).toBeNull();
  });

  it('should print floats as Go does', () => {
    expect(goNumberText(3)).toBe('3');
    expect(goNumberText(0.25)).toBe('0.25');
    expect(goNumberText(0.00001)).toBe('1e-05');
    expect(goNumberText(1234567.5)).toBe('1.2345675e+06');
    expect(goValueText(false)).toBe('false');
  });
});
