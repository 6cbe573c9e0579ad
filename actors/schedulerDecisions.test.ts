import { describe, it, expect } from 'vitest';
import { createDecision } from '../src/scheduler/schedulingDecision.ts';
import { createDecisionStore } from './schedulerDecisions.ts';

const withMaps = (pod: string) => ({ ...createDecision(pod), filter: { n1: { NodeName: 'passed' } }, finalScore: { n1: { ImageLocality: 0 } }, selectedNode: 'n1' });

describe('createDecisionStore', () => {
  it('should keep every decision but strip the per-node maps of all but the newest ones', () => {
    const store = createDecisionStore(2);
    for (const p of ['a', 'b', 'c']) store.keep(withMaps(`default/${p}`), true);
    expect([...store.all.keys()]).toEqual(['default/a', 'default/b', 'default/c']);
    expect(store.all.get('default/a')).toMatchObject({ filter: {}, finalScore: {}, selectedNode: 'n1' });
    expect(Object.keys(store.all.get('default/b')?.filter ?? {})).toEqual(['n1']);
    store.keep(withMaps('default/b'), true);
    store.keep(withMaps('default/d'), true);
    expect(Object.keys(store.all.get('default/c')?.filter ?? {})).toEqual([]);
    expect(Object.keys(store.all.get('default/b')?.filter ?? {})).toEqual(['n1']);
    store.drop('default/b');
    expect(store.all.has('default/b')).toBe(false);
  });
});
