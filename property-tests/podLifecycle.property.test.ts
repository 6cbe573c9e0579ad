import fc from 'fast-check';
import type { Container } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { RestartPolicy } from '../src/kubelet/restartRules.ts';
import type { WorkloadProfile } from '../src/kubelet/workloadTypes.ts';
import { makePod, runPod } from '../machines/testing/podHarness.ts';

const profile: fc.Arbitrary<WorkloadProfile> = fc.record({
  pull: fc.record({ seconds: fc.integer({ min: 0, max: 3 }) }),
  startSeconds: fc.integer({ min: 0, max: 2 }),
  run: fc.oneof(fc.constant('forever' as const), fc.record({ seconds: fc.integer({ min: 0, max: 40 }), exitCode: fc.constantFrom(0, 1, 2) })),
  onTerm: fc.oneof(fc.constant('ignore' as const), fc.record({ seconds: fc.integer({ min: 0, max: 5 }), exitCode: fc.constantFrom(0, 143) })),
});

const scenario = fc.record({
  policy: fc.constantFrom<RestartPolicy>('Always', 'OnFailure', 'Never'),
  profiles: fc.array(profile, { minLength: 1, maxLength: 2 }),
  init: fc.option(fc.record({ seconds: fc.integer({ min: 0, max: 5 }), code: fc.constantFrom(0, 0, 1) }), { nil: undefined }),
  preStop: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  steps: fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 90 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('exit' as const), container: fc.integer({ min: 0, max: 1 }), code: fc.constantFrom(0, 1) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('image' as const), container: fc.integer({ min: 0, max: 1 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('lost' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('recovered' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), grace: fc.integer({ min: 0, max: 40 }) }) },
    ),
    { maxLength: 12 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

const ALLOWED: Record<string, readonly string[]> = {
  Pending: ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'],
  Running: ['Running', 'Succeeded', 'Failed', 'Unknown'],
  Unknown: ['Unknown', 'Pending', 'Running', 'Succeeded', 'Failed'],
  Succeeded: ['Succeeded'],
  Failed: ['Failed'],
};

function play(s: Scenario) {
  const names = s.profiles.map((_, i) => `c${i}`);
  const containers: Container[] = names.map((name) => ({ name, image: 'registry.local/app:1', ...(s.preStop !== undefined ? { lifecycle: { preStop: { exec: { command: ['sleep', String(s.preStop)] } } } } : {}) }));
  const profiles: Record<string, WorkloadProfile> = Object.fromEntries(names.map((n, i) => [n, s.profiles[i] as WorkloadProfile]));
  const initContainers: Container[] = s.init === undefined ? [] : [{ name: 'init', image: 'registry.local/init:1', command: ['sh', '-c', `sleep ${s.init.seconds}; exit ${s.init.code}`] }];
  if (s.init !== undefined) profiles['init'] = { pull: { seconds: 0 }, startSeconds: 0 };
  const p = runPod(makePod({ restartPolicy: s.policy, initContainers, containers }, profiles));
  const statuses: string[] = [];
  const imageChanges = names.map(() => 0);
  const restarts = names.map(() => 0);
  // Deletion deadline: each delete can only bring it forward (deletionTimestamp never moves later).
  let deadline: number | undefined;
  const check = () => {
    const status = p.status();
    statuses.push(JSON.stringify(status));
    names.forEach((n, i) => {
      const count = p.container(n).restartCount;
      expect(count).toBeGreaterThanOrEqual(restarts[i] ?? 0);
      restarts[i] = count;
      if (s.policy === 'Never') expect(count).toBeLessThanOrEqual(imageChanges[i] ?? 0);
    });
  };
  check();
  for (const step of s.steps) {
    if (p.snapshot().status === 'done') break;
    if (step.kind === 'advance') p.advance(step.seconds);
    else if (step.kind === 'exit') p.send({ type: 'container.exited', container: names[step.container % names.length] ?? 'c0', exitCode: step.code });
    else if (step.kind === 'image') {
      const i = step.container % names.length;
      p.send({ type: 'container.imageChanged', container: names[i] ?? 'c0', image: `registry.local/app:${++imageChanges[i]!}` });
    } else if (step.kind === 'lost') p.send({ type: 'node.lost' });
    else if (step.kind === 'recovered') p.send({ type: 'node.recovered' });
    else {
      deadline = Math.min(deadline ?? Number.POSITIVE_INFINITY, p.t() + step.grace);
      p.send({ type: 'pod.delete', gracePeriodSeconds: step.grace });
    }
    check();
  }
  if (deadline !== undefined && p.snapshot().status !== 'done') {
    // A deleted pod is gone by the end of its grace period (SIGKILL at least 2 s after SIGTERM).
    p.advance(Math.max(0, deadline - p.t()) + 2);
    expect(p.snapshot().status).toBe('done');
  }
  if (p.snapshot().status === 'done') expect(p.clock.pendingTimers()).toBe(0);
  return { phases: p.phases.map((x) => x.phase), statuses };
}

describe('pod lifecycle properties', () => {
  it('should move phases only forward, count restarts by the policy, finish deletions in time and replay identically', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = play(s);
        for (let i = 1; i < first.phases.length; i++) {
          expect(ALLOWED[first.phases[i - 1] ?? '']).toContain(first.phases[i]);
        }
        expect(play(s)).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });
});
