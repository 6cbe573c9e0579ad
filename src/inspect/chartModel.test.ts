import { describe, expect, it } from 'vitest';
import { catalogue } from '../../machines/catalogue.ts';
import { sampleChartMachine } from '../testing/sampleChartMachine.ts';
import { activePaths, chartOf, chartStates } from './chartModel.ts';

describe('chartOf', () => {
  const chart = chartOf(sampleChartMachine);
  const byPath = new Map(chartStates(chart).map((s) => [s.path, s]));

  it('should read nested, parallel, initial and final states with their paths', () => {
    expect(chart.id).toBe('sample');
    expect(chart.root.initial).toBe('idle');
    expect(byPath.get('busy')?.type).toBe('parallel');
    expect(byPath.get('busy.work')?.initial).toBe('busy.work.step1');
    expect(byPath.get('done')?.type).toBe('final');
    expect([...byPath.keys()]).toEqual(['', 'idle', 'busy', 'busy.work', 'busy.work.step1', 'busy.work.step2', 'busy.work.step3', 'busy.watch', 'busy.watch.quiet', 'busy.watch.loud', 'failed', 'done']);
  });

  it('should label guarded, delayed, eventless and targetless transitions', () => {
    expect(byPath.get('idle')?.transitions.map((t) => [t.label, t.targets])).toEqual([
      ['start [ok]', ['busy']],
      ['start', ['failed']],
      ['ping', []],
    ]);
    expect(byPath.get('busy.work.step1')?.transitions[0]).toMatchObject({ kind: 'after', delay: 10000, label: 'after 10s', targets: ['busy.work.step2'] });
    // A named delay the machine computes keeps its name.
    expect(byPath.get('busy.work.step3')?.transitions[0]).toMatchObject({ kind: 'after', delay: 'backoff', label: 'after backoff' });
    expect(byPath.get('busy.work.step2')?.transitions[0]).toMatchObject({ kind: 'always', event: '', guard: 'ready', label: 'always [ready]' });
    expect(byPath.get('idle')?.transitions[2]?.actions).toEqual(['note']);
  });

  it('should note invoked actors and be JSON-serializable', () => {
    expect(chart.root.notes).toEqual(['invoke worker']);
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
  });

  it('should give every catalogued machine transitions whose targets are states of the chart', () => {
    for (const e of catalogue) {
      const states = chartStates(chartOf(e.machine));
      const paths = new Set(states.map((s) => s.path));
      for (const s of states) {
        for (const t of s.transitions) for (const target of t.targets) expect(paths.has(target), `${e.name}: ${t.label} → ${target}`).toBe(true);
        if (s.type === 'compound') expect(s.children.some((c) => c.path === s.initial), `${e.name}: ${s.path} initial`).toBe(true);
      }
    }
  });
});

describe('activePaths', () => {
  it('should list every state a value stands for, ancestors included', () => {
    expect(activePaths('idle')).toEqual(['idle']);
    expect(activePaths({ busy: { work: 'step1', watch: 'quiet' } })).toEqual(['busy', 'busy.work', 'busy.work.step1', 'busy.watch', 'busy.watch.quiet']);
  });
});
