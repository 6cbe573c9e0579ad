import { describe, expect, it } from 'vitest';
import { catalogue } from '../../machines/catalogue.ts';
import { sampleChartMachine } from '../testing/sampleChartMachine.ts';
import { toMermaid } from './toMermaid.ts';

// Names Mermaid must know: declared by `state`, used as a bare line, or in an edge.
function check(text: string): void {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('stateDiagram-v2');
  let depth = 0;
  for (const line of lines.slice(1)) {
    const l = line.trim();
    if (l.endsWith('{')) depth++;
    if (l === '}') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
    const edge = /^(\S+) --> (\S+)(?: : (.*))?$/.exec(l);
    if (edge !== null) {
      for (const end of [edge[1], edge[2]]) expect(end).toMatch(/^(\[\*\]|[A-Za-z][A-Za-z0-9_]*)$/);
      expect(edge[3] ?? '').not.toMatch(/[:;#{}"<>]/);
    }
  }
  expect(depth).toBe(0);
}

describe('toMermaid', () => {
  it('should draw composite and parallel states, initial and final markers, and labelled edges', () => {
    const text = toMermaid(sampleChartMachine);
    check(text);
    expect(text).toContain('  [*] --> idle\n');
    expect(text).toContain('  state busy {\n');
    expect(text).toContain('    state "work" as busy_work\n');
    expect(text).toMatch(/\n {4}--\n/);
    expect(text).toContain('busy_work_step1 --> busy_work_step2 : after 10s');
    expect(text).toContain('busy_work_step2 --> busy_work_step3 : always [ready]');
    expect(text).toContain('idle --> busy : start [ok]');
    expect(text).toContain('  done --> [*]\n');
    // A compound state's transition into its own child starts from its `(any)` pseudo-state.
    expect(text).toContain('state "(any)" as busy_work_any');
    expect(text).toContain('busy_work_any --> busy_work_step1 : restart');
    expect(text).toContain('note right of idle : internal ping');
    expect(text).toContain('note left of idle : sample invoke worker');
  });

  it('should produce well-formed diagrams for every catalogued machine', () => {
    for (const e of catalogue) check(toMermaid(e.machine));
  });
});
