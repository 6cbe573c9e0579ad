import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, catalogueEntry } from '../../machines/catalogue.ts';
import type { CatalogueEntry } from '../../machines/catalogue.ts';
import { chartsMarkdown } from '../inspect/chartsMarkdown.ts';
import { CHART_EXTENSIONS, CHART_FORMATS, exportChart, isChartFormat } from '../inspect/exportChart.ts';

/** Options of `kubeactors charts`. */
export interface ChartsOptions {
  /** `mermaid` (default), `dot`, `json`, `scxml`, or `markdown` (the docs page of every machine). */
  readonly format?: string;
  /** Folder to write `<name>.<ext>` files into (`charts.md` for markdown); default: standard output. */
  readonly out?: string;
}

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/**
 * `kubeactors charts [name]`: exports the catalogued statecharts (all, or the one named) as Mermaid,
 * Graphviz DOT, XState JSON or SCXML, to standard output or as files under `--out`. Returns the exit code.
 * @public
 */
export function chartsCommand(name: string | undefined, opts: ChartsOptions, io: Io): number {
  const format = opts.format ?? 'mermaid';
  if (format !== 'markdown' && !isChartFormat(format)) {
    io.err(`error: unknown format "${format}": use ${CHART_FORMATS.join(', ')} or markdown\n`);
    return 1;
  }
  let entries: readonly CatalogueEntry[] = catalogue;
  if (name !== undefined) {
    const entry = catalogueEntry(name);
    if (entry === undefined) {
      io.err(`error: no statechart named "${name}"; known: ${catalogue.map((e) => e.name).join(', ')}\n`);
      return 1;
    }
    entries = [entry];
  }
  const files: { file: string; text: string }[] =
    format === 'markdown'
      ? [{ file: 'charts.md', text: chartsMarkdown(entries) }]
      : entries.map((e) => ({ file: `${e.name}.${CHART_EXTENSIONS[format]}`, text: exportChart(e.machine, format) }));
  if (opts.out !== undefined) {
    mkdirSync(opts.out, { recursive: true });
    for (const f of files) {
      writeFileSync(join(opts.out, f.file), f.text);
      io.out(`${join(opts.out, f.file)}\n`);
    }
    return 0;
  }
  if (format === 'json' && entries.length > 1) {
    // One JSON document on standard output: the machines by name.
    io.out(`${JSON.stringify(Object.fromEntries(files.map((f, i) => [entries[i]?.name ?? f.file, JSON.parse(f.text) as unknown])), null, 2)}\n`);
    return 0;
  }
  files.forEach((f, i) => io.out(`${i > 0 ? '\n' : ''}${f.text}`));
  return 0;
}
