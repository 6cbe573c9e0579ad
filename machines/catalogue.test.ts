import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StateMachine } from 'xstate';
import { catalogue, catalogueEntry } from './catalogue.ts';

const here = dirname(fileURLToPath(import.meta.url));
const machineFiles = readdirSync(here).filter((f) => /Machine\.ts$/.test(f)).sort();

describe('catalogue', () => {
  it('should list every machine exported by a machines/*Machine.ts file', async () => {
    const missing: string[] = [];
    for (const file of machineFiles) {
      const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as Record<string, unknown>;
      const machines = Object.entries(mod).filter(([, v]) => v instanceof StateMachine);
      expect(machines.length, `${file} exports no state machine`).toBeGreaterThan(0);
      for (const [exportName, machine] of machines) {
        if (!catalogue.some((e) => e.machine === machine)) missing.push(`${file}: ${exportName} (add it to machines/catalogue.ts)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('should give each entry a unique name, a unique machine id, a description and what it models', () => {
    expect(new Set(catalogue.map((e) => e.name)).size).toBe(catalogue.length);
    expect(new Set(catalogue.map((e) => e.machine.id)).size).toBe(catalogue.length);
    for (const e of catalogue) {
      expect(e.description.length, e.name).toBeGreaterThan(10);
      expect(e.models.length, e.name).toBeGreaterThan(0);
      expect(e.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
  });

  it('should find entries by name or by machine id', () => {
    for (const e of catalogue) {
      expect(catalogueEntry(e.name)).toBe(e);
      expect(catalogueEntry(e.machine.id)).toBe(e);
    }
    expect(catalogueEntry('no-such-machine')).toBeUndefined();
  });
});
