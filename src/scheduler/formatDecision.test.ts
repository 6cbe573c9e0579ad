import { describe, it, expect } from 'vitest';
import { createRng } from '../runtime/sim/rng.ts';
import { createClusterSnapshot } from './clusterSnapshot.ts';
import { makeNode, makePod } from './fixtures.ts';
import { formatDecision } from './formatDecision.ts';
import { defaultProfile } from './profiles.ts';
import { runSchedulingCycle } from './schedulingCycle.ts';
import { createDecision } from './schedulingDecision.ts';

describe('formatDecision', () => {
  it('should show per node each plugin filter result with raw, normalized and final scores and the total', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('small', { cpu: '1' }));
    s.upsertNode(makeNode('a', { cpu: '4' }));
    s.upsertNode(makeNode('b', { cpu: '8' }));
    const r = runSchedulingCycle(makePod('web', { cpu: '2' }), s, defaultProfile(), createRng(1));
    const text = formatDecision(r.decision);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Pod default/web: scheduled on b');
    expect(lines).toContain('small   NodeUnschedulable                 passed             -       -            -');
    expect(lines.some((l) => /^\s+NodeResourcesFit\s+Insufficient cpu\s+-\s+-\s+-$/.test(l))).toBe(true);
    const taint = r.decision.finalScore['b']?.['TaintToleration'];
    expect(lines.some((l) => l.trim().split(/\s+/).join(' ') === `TaintToleration passed 0 100 ${taint ?? ''}`)).toBe(true);
    const total = Object.values(r.decision.finalScore['b'] ?? {}).reduce((x, y) => x + y, 0);
    expect(lines.filter((l) => l.includes('TOTAL')).map((l) => l.trim().split(/\s+/).join(' '))).toContain(`TOTAL ${total}`);
  });

  it('should say when a pod was nominated and which pods it preempts', () => {
    const d = { ...createDecision('default/hi'), nominatedNodeName: 'n1', victims: ['default/low'], postFilter: { DefaultPreemption: 'success: nominated n1' } };
    expect(formatDecision(d)).toBe('Pod default/hi: nominated to n1 (preempting default/low)\nPostFilter: DefaultPreemption: success: nominated n1');
  });
});
