import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { EVENTS, ACTION, nodeUpdateEvent } from './clusterEvents.ts';
import { makeNode, makePod } from './fixtures.ts';
import { defaultProfile } from './profiles.ts';
import { queueOptionsForProfile } from './queueOptionsForProfile.ts';
import { createSchedulingQueue, type QueuedPodInfo, type SchedulingQueue } from './schedulingQueue.ts';

function setup(): { q: SchedulingQueue; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  const q = createSchedulingQueue(queueOptionsForProfile(defaultProfile(), () => clock.t));
  return { q, clock };
}
const name = (p: QueuedPodInfo | undefined): string | undefined => p?.pod.metadata?.name;

// Pops `pod` and returns it to the queue as rejected by `plugins`.
function failOnce(q: SchedulingQueue, plugins: string[]): QueuedPodInfo {
  const p = q.pop();
  if (p === undefined) throw new Error('queue empty');
  p.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(p, q.schedulingCycle());
  return p;
}

describe('SchedulingQueue ordering', () => {
  it('should pop by priority, then by arrival (PrioritySort)', () => {
    const { q, clock } = setup();
    q.add(makePod('low', { priority: 1 }));
    clock.t += 1;
    q.add(makePod('high-late', { priority: 100 }));
    clock.t += 1;
    q.add(makePod('low-late', { priority: 1 }));
    q.add(makePod('high-later', { priority: 100 }));
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()].map(name)).toEqual(['high-late', 'high-later', 'low', 'low-late', undefined]);
  });
});

describe('SchedulingQueue backoff', () => {
  it('should back off 1, 2, 4, 8, 10, 10 seconds by attempt', () => {
    const { q } = setup();
    const p = { attempts: 0 } as QueuedPodInfo;
    const durations = [1, 2, 3, 4, 5, 6].map((attempts) => q.backoffDurationMs({ ...p, attempts }));
    expect(durations).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('should retry a pod whose backoff is running only after it ends', () => {
    const { q, clock } = setup();
    q.add(makePod('p'));
    failOnce(q, []);
    // No rejecting plugin (an error): straight to backoffQ.
    expect(q.pendingPods().backoff.map((x) => x.metadata?.name)).toEqual(['p']);
    clock.t += 999;
    q.flushBackoffQCompleted();
    expect(q.pop()).toBeUndefined();
    clock.t += 1;
    expect(q.nextWakeupAt()).toBe(clock.t);
    q.flushBackoffQCompleted();
    expect(name(q.pop())).toBe('p');
  });

  it('should wait 1, 2, 4, 8, 10, 10 s between successive failed attempts', () => {
    const { q, clock } = setup();
    q.add(makePod('p'));
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      failOnce(q, []);
      const start = clock.t;
      while (q.pendingPods().active.length === 0) {
        clock.t += 100;
        q.flushBackoffQCompleted();
      }
      waits.push(clock.t - start);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('SchedulingQueue unschedulable pool', () => {
  it('should move a pod back on an event one of its rejecting plugins registered', () => {
    const { q, clock } = setup();
    q.add(makePod('p', { cpu: '64' }));
    failOnce(q, ['NodeResourcesFit']);
    expect(q.pendingPods().unschedulable).toHaveLength(1);
    q.moveAllToActiveOrBackoffQueue({ resource: 'Node', actionType: ACTION.UpdateNodeCondition });
    q.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodAdd);
    expect(q.pendingPods().unschedulable).toHaveLength(1);
    clock.t += 2000;
    q.moveAllToActiveOrBackoffQueue(EVENTS.NodeAdd);
    expect(name(q.pop())).toBe('p');
  });

  it('should send a moved pod still in backoff to backoffQ first', () => {
    const { q, clock } = setup();
    q.add(makePod('p'));
    failOnce(q, ['TaintToleration']);
    clock.t += 500;
    const ev = nodeUpdateEvent(makeNode('n', { taints: [{ key: 'k', effect: 'NoSchedule' }] }), makeNode('n'));
    expect(ev?.actionType).toBe(ACTION.UpdateNodeTaint);
    q.moveAllToActiveOrBackoffQueue(ev ?? EVENTS.NodeAdd);
    expect(q.pendingPods().backoff).toHaveLength(1);
    clock.t += 500;
    q.flushBackoffQCompleted();
    expect(name(q.pop())).toBe('p');
  });

  it('should retry pods left unschedulable for more than 5 minutes', () => {
    const { q, clock } = setup();
    q.add(makePod('p'));
    failOnce(q, ['NodeAffinity']);
    clock.t += 5 * 60_000;
    q.flushUnschedulablePodsLeftover();
    expect(q.pendingPods().unschedulable).toHaveLength(1);
    expect(q.nextWakeupAt()).toBe(clock.t + 1);
    clock.t += 1;
    q.flushUnschedulablePodsLeftover();
    expect(name(q.pop())).toBe('p');
  });

  it('should put a pod in backoffQ when a move request arrived during its scheduling cycle', () => {
    const { q } = setup();
    q.add(makePod('p'));
    const p = q.pop();
    if (p === undefined) throw new Error('empty');
    const cycle = q.schedulingCycle();
    q.moveAllToActiveOrBackoffQueue(EVENTS.NodeAdd);
    p.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(p, cycle);
    expect(q.pendingPods()).toMatchObject({ backoff: [p.pod], unschedulable: [] });
  });

  it('should wake pods whose required affinity matches a newly assigned pod', () => {
    const { q, clock } = setup();
    const affine: Pod = makePod('web', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'db' } } }] } } } });
    q.add(affine);
    q.add(makePod('other'));
    failOnce(q, ['InterPodAffinity']);
    failOnce(q, ['InterPodAffinity']);
    clock.t += 2000;
    q.assignedPodAdded(makePod('cache', { labels: { app: 'cache' }, nodeName: 'n' }));
    expect(q.pendingPods().active).toHaveLength(0);
    q.assignedPodAdded(makePod('db', { labels: { app: 'db' }, nodeName: 'n' }));
    expect(q.pendingPods().active.map((p) => p.metadata?.name)).toEqual(['web']);
  });
});

describe('SchedulingQueue updates, gates and nominations', () => {
  it('should keep a gated pod out of activeQ until its gates are removed', () => {
    const { q } = setup();
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
    q.add(gated);
    expect(q.pop()).toBeUndefined();
    q.moveAllToActiveOrBackoffQueue(EVENTS.UnschedulableTimeout);
    expect(q.pop()).toBeUndefined();
    q.update(gated, makePod('g'));
    expect(name(q.pop())).toBe('g');
  });

  it('should requeue an unschedulable pod whose spec changed, but not for a status-only update', () => {
    const { q, clock } = setup();
    const pod = makePod('p', { cpu: '64' });
    q.add(pod);
    failOnce(q, ['NodeResourcesFit']);
    clock.t += 5000;
    q.update(pod, { ...pod, metadata: { ...pod.metadata, resourceVersion: '9' }, status: { phase: 'Pending', conditions: [] } });
    expect(q.pendingPods().unschedulable).toHaveLength(1);
    q.update(pod, makePod('p', { cpu: '1' }));
    expect(name(q.pop())).toBe('p');
  });

  it('should track nominations and drop them on delete', () => {
    const { q } = setup();
    const pod = makePod('vip', { priority: 10 });
    q.add(pod);
    const p = q.pop();
    if (p === undefined) throw new Error('empty');
    p.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(p, q.schedulingCycle());
    // As upstream handleSchedulingFailure: requeue first, then record the nomination.
    q.nominator.addNominatedPod(pod, 'n1');
    expect(q.nominator.nominatedPodsForNode('n1').map((pi) => pi.pod.metadata?.name)).toEqual(['vip']);
    q.update(pod, { ...pod, metadata: { ...pod.metadata, labels: { a: 'b' } } });
    expect(q.nominator.nominatedNodeName(pod)).toBe('n1');
    q.delete(pod);
    expect(q.nominator.nominatedPodsForNode('n1')).toEqual([]);
    expect(q.pendingPods()).toEqual({ active: [], backoff: [], unschedulable: [] });
  });
});
