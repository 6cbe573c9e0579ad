import { describe, it, expect } from 'vitest';
import { makePod } from './fixtures.ts';
import { createSchedulingQueue } from './schedulingQueue.ts';
import { defaultProfile, defaultProfileConfig } from './profiles.ts';
import { queueOptionsForProfiles, resolveProfiles, schedulerNameOf } from './schedulerConfig.ts';

describe('resolveProfiles', () => {
  it('should build the default profile, register user plugins and refuse duplicates and unknown names', () => {
    expect([...resolveProfiles().keys()]).toEqual(['default-scheduler']);
    const mine = resolveProfiles({ plugins: { Mine: () => ({ name: 'Mine', filter: () => undefined }) }, profiles: [{ schedulerName: 'x', plugins: [{ name: 'Mine' }], recordDecisions: true }] });
    expect(mine.get('x')?.profile.plugins.map((p) => p.plugin.name)).toEqual(['Mine']);
    expect(mine.get('x')?.recordDecisions).toBe(true);
    expect(() => resolveProfiles({ profiles: [defaultProfileConfig(), defaultProfile()] })).toThrow('duplicate profile for scheduler name "default-scheduler"');
    expect(() => resolveProfiles({ profiles: [{ schedulerName: 'y', plugins: [{ name: 'Nope' }] }] })).toThrow('plugin "Nope" does not exist');
  });
});

describe('queueOptionsForProfiles', () => {
  it('should gate only the pods of the profile whose PreEnqueue plugin gates them', () => {
    const gates = { schedulingGates: [{ name: 'wait' }] };
    const other = { schedulerName: 'bare', plugins: [{ plugin: { name: 'PrioritySort', less: () => false }, weight: 1 }] };
    const q = createSchedulingQueue(queueOptionsForProfiles([defaultProfile(), other], () => 0));
    q.add(makePod('gated', { spec: gates }));
    q.add(makePod('bare-gated', { spec: { ...gates, schedulerName: 'bare' } }));
    expect(q.pendingPods().active.map((p) => p.metadata?.name)).toEqual(['bare-gated']);
    expect(q.pendingPods().unschedulable.map((p) => p.metadata?.name)).toEqual(['gated']);
    expect(schedulerNameOf(makePod('p'))).toBe('default-scheduler');
  });
});
