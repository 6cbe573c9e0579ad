import type { AnyStateMachine } from 'xstate';
import { toDot } from './toDot.ts';
import { toMermaid } from './toMermaid.ts';
import { toScxml } from './toScxml.ts';
import { toXStateJson } from './toXStateJson.ts';

/** The formats `kubeactors charts` writes. */
export const CHART_FORMATS = ['mermaid', 'dot', 'json', 'scxml'] as const;

/** One of {@link CHART_FORMATS}. */
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** File extension of each format. */
export const CHART_EXTENSIONS: Readonly<Record<ChartFormat, string>> = { mermaid: 'mmd', dot: 'dot', json: 'json', scxml: 'scxml' };

/** Whether `s` names a chart format. */
export function isChartFormat(s: string): s is ChartFormat {
  return (CHART_FORMATS as readonly string[]).includes(s);
}

/** The machine in the given format, as text ending with a newline. */
export function exportChart(machine: AnyStateMachine, format: ChartFormat): string {
  switch (format) {
    case 'mermaid':
      return toMermaid(machine);
    case 'dot':
      return toDot(machine);
    case 'scxml':
      return toScxml(machine);
    case 'json':
      return `${JSON.stringify(toXStateJson(machine), null, 2)}\n`;
  }
}
