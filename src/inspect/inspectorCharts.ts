import type { AnyStateMachine } from 'xstate';
import { catalogue } from '../../machines/catalogue.ts';
import { chartOf } from './chartModel.ts';
import type { Chart } from './chartModel.ts';
import type { Tracer } from './traceTypes.ts';

/** A chart as the inspector page gets it, with its catalogue entry's words. */
export interface InspectorChart {
  readonly name: string;
  readonly chart: Chart;
  readonly description?: string;
  readonly models?: string;
  readonly writes?: readonly string[];
}

/** Charts of every catalogued machine and of any other machine the tracer saw running, by machine id. */
export function inspectorCharts(tracer?: Tracer): Record<string, InspectorChart> {
  const out: Record<string, InspectorChart> = {};
  for (const e of catalogue) out[e.machine.id] = { name: e.name, chart: chartOf(e.machine), description: e.description, models: e.models, writes: e.writes };
  for (const a of tracer?.actors() ?? []) {
    const logic = (a.ref as { logic?: unknown }).logic as AnyStateMachine | undefined;
    if (a.machine !== undefined && out[a.machine] === undefined && logic?.root !== undefined) out[a.machine] = { name: a.machine, chart: chartOf(logic) };
  }
  return out;
}
