import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { catalogue } from '../../machines/catalogue.ts';
import { sampleChartMachine } from '../testing/sampleChartMachine.ts';
import { chartOf } from './chartModel.ts';
import type { ChartState } from './chartModel.ts';
import { toXStateJson } from './toXStateJson.ts';

// Invoked actors are code: the JSON keeps them only as notes, so compare charts without notes.
const withoutNotes = (s: ChartState): unknown => ({ ...s, notes: [], children: s.children.map(withoutNotes) });

describe('toXStateJson', () => {
  it('should give a config that createMachine turns into the same chart, for every catalogued machine', () => {
    for (const m of [sampleChartMachine, ...catalogue.map((e) => e.machine)] as AnyStateMachine[]) {
      const json = toXStateJson(m);
      expect(JSON.parse(JSON.stringify(json)), m.id).toEqual(json);
      const delays = (json['meta'] as { delays?: Record<string, number> } | undefined)?.delays ?? {};
      const rebuilt = createMachine(json as never, { delays } as never) as AnyStateMachine;
      expect(withoutNotes(chartOf(rebuilt).root), m.id).toEqual(withoutNotes(chartOf(m).root));
    }
  });

  it('should write delays, guards, always, #id targets and notes', () => {
    const json = toXStateJson(sampleChartMachine) as { id: string; meta: unknown; states: Record<string, Record<string, unknown>> };
    expect(json.id).toBe('sample');
    expect(json.meta).toEqual({ notes: ['invoke worker'] });
    expect(json.states['idle']?.['on']).toEqual({ start: [{ target: ['#sample.busy'], guard: 'ok' }, { target: ['#sample.failed'] }], ping: [{ actions: ['note'] }] });
    const work = (json.states['busy']?.['states'] as Record<string, Record<string, unknown>>)['work']!;
    const steps = work['states'] as Record<string, Record<string, unknown>>;
    expect(steps['step1']?.['after']).toEqual({ 10000: [{ target: ['#sample.busy.work.step2'] }] });
    expect(steps['step3']?.['after']).toEqual({ backoff: [{ target: ['#sample.busy.work.step1'] }] });
    expect(steps['step2']?.['always']).toEqual([{ target: ['#sample.busy.work.step3'], guard: 'ready' }]);
    expect(json.states['done']?.['type']).toBe('final');
  });
});
