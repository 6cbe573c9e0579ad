import { describe, it, expect } from 'vitest';
import { createClusterSnapshot } from './clusterSnapshot.ts';
import { createCycleContext } from './cycleContext.ts';
import { makeNode, makePod } from './fixtures.ts';
import type { Plugin, Profile } from './framework.ts';
import { runBindPlugins, runPreBindPlugins } from './bindingCycle.ts';
import { defaultProfile } from './profiles.ts';
import { createDecision, decisionAnnotations } from './schedulingDecision.ts';
import { errorStatus, skip } from './status.ts';

describe('binding cycle', () => {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('n1'));
  const pod = makePod('web', { uid: 'u-1' });

  it('should return the Binding DefaultBinder creates and record it', () => {
    const profile = defaultProfile();
    const d = createDecision('default/web');
    const out = runBindPlugins(profile, createCycleContext(profile, s), pod, 'n1', d);
    expect(out.status.code).toBe('Success');
    expect(out.binding).toEqual({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web', namespace: 'default', uid: 'u-1' }, target: { apiVersion: 'v1', kind: 'Node', name: 'n1' } });
    expect(decisionAnnotations(d)['kube-scheduler-simulator.sigs.k8s.io/bind-result']).toBe('{"DefaultBinder":"success"}');
  });

  it('should pass over binders that Skip and stop PreBind at the first failure', () => {
    const skipper: Plugin = { name: 'Skipper', bind: () => ({ status: skip() }) };
    const failing: Plugin = { name: 'Volumes', preBind: () => errorStatus('attach timeout') };
    const profile: Profile = { schedulerName: 't', plugins: [{ plugin: skipper, weight: 1 }, { plugin: failing, weight: 1 }, ...defaultProfile().plugins] };
    const ctx = createCycleContext(profile, s);
    expect(runPreBindPlugins(profile, ctx, pod, 'n1')).toEqual({ code: 'Error', reasons: ['running PreBind plugin "Volumes": attach timeout'], plugin: 'Volumes' });
    expect(runBindPlugins(profile, ctx, pod, 'n1').binding?.target.name).toBe('n1');
    expect(runBindPlugins({ schedulerName: 't', plugins: [{ plugin: skipper, weight: 1 }] }, ctx, pod, 'n1').status.code).toBe('Skip');
  });
});
