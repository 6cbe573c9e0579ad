import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { samplePod, startTracedPod } from '../../machines/testing/tracedPod.ts';
import { recordCoverage } from './coverage.ts';
import { createTrace } from './createTrace.ts';
import { createTracer } from './createTracer.ts';
import { describeWithState } from './describeWithState.ts';
import { inspectCluster } from './inspectCluster.ts';
import { readTrace, recordTrace } from './traceFile.ts';
import type { TraceTransitionRecord } from './traceTypes.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

function traced(): Cluster {
  cluster = createCluster({ tracer: createTracer(), inspect: recordCoverage() });
  return cluster;
}

describe('createTracer', () => {
  it('should record components starting and controllers moving to running, stamped with cluster time', async () => {
    const c = traced();
    await c.settle();
    const records = c.tracer!.records();
    const actors = records.filter((r) => r.kind === 'actor').map((r) => r.actor);
    expect(actors).toEqual(expect.arrayContaining(['cluster', 'kube-apiserver', 'kube-controller-manager', 'controller/deployment']));
    const synced = records.find((r): r is TraceTransitionRecord => r.kind === 'transition' && r.actor === 'controller/deployment' && r.event === 'informers.synced');
    expect(synced).toMatchObject({ machine: 'reconciler', from: 'waitingForCacheSync', to: { running: 'idle' } });
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i));
    expect(records.every((r) => r.t >= Date.parse('2025-01-01T00:00:00Z') && r.t <= c.clock.now())).toBe(true);
    expect(records.some((r) => r.kind === 'event' && r.event === 'informers.synced')).toBe(true);
  });

  it('should follow an actor created outside the tree, named after its machine and object', async () => {
    const c = traced();
    const pod = startTracedPod(c, undefined, recordCoverage());
    const transitions = firstValueFrom(createTrace(c, { object: 'default/web-1', kinds: ['transition'] }).pipe(take(1), toArray()));
    await c.advance(60_000);
    const [t] = await transitions;
    expect(t).toMatchObject({ actor: 'pod:default/web-1', machine: 'pod', object: 'default/web-1' });
    expect(JSON.stringify(pod.getSnapshot().value)).toContain('running');
    const last = c.tracer!.records().filter((r) => r.kind === 'transition' && r.actor === 'pod:default/web-1').at(-1) as TraceTransitionRecord;
    expect(last.to).toEqual(pod.getSnapshot().value);
    pod.stop();
  });

  it('should filter by actor, machine and kind', async () => {
    const c = traced();
    const seen: string[] = [];
    const sub = createTrace(c, { machine: 'reconciler', actor: /^controller\/(deployment|replicaset)$/, kinds: ['transition'] }).subscribe((r) => seen.push(`${r.actor} ${r.kind}`));
    await c.settle();
    sub.unsubscribe();
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set(['controller/deployment transition', 'controller/replicaset transition']));
  });

  it('should refuse to trace a cluster created without a tracer', async () => {
    cluster = createCluster();
    expect(() => createTrace(cluster!)).toThrow('createCluster({ tracer: createTracer() })');
    await Promise.resolve();
  });
});

describe('recordTrace and readTrace', () => {
  it('should write JSON lines that read back to the same records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeactors-trace-'));
    try {
      const c = traced();
      const recording = recordTrace(c.tracer!.trace$, join(dir, 'trace.jsonl'));
      await c.settle();
      await recording.stop();
      const back = readTrace(join(dir, 'trace.jsonl'));
      expect(back.length).toBe(recording.count());
      expect(back.length).toBeGreaterThan(10);
      // The recording starts at the first record after it was started.
      expect(back).toEqual(c.tracer!.records().filter((r) => r.seq >= back[0]!.seq).slice(0, back.length));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inspectCluster', () => {
  it('should list every live actor with machine, state and object, as plain JSON', async () => {
    const c = traced();
    const pod = startTracedPod(c, undefined, recordCoverage());
    await c.settle();
    const snap = inspectCluster(c);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const byName = new Map(snap.actors.map((a) => [a.name, a]));
    expect(byName.get('kube-apiserver')).toMatchObject({ machine: 'kube-apiserver', parent: 'cluster', status: 'active' });
    expect(byName.get('controller/replicaset')).toMatchObject({ machine: 'reconciler', stateText: 'running.idle', parent: 'kube-controller-manager' });
    expect(byName.get('controller/replicaset')?.context).toMatchObject({ name: 'replicaset', active: 0 });
    expect(byName.get('pod:default/web-1')).toMatchObject({ machine: 'pod', models: 'Pod', object: 'default/web-1' });
    pod.stop();
    expect(inspectCluster(c).actors.some((a) => a.name === 'pod:default/web-1')).toBe(false);
  });
});

describe('describeWithState', () => {
  it("should show the object's machine state and its last transitions", async () => {
    const c = traced();
    const pod = startTracedPod(c, undefined, recordCoverage());
    await c.advance(60_000);
    const text = describeWithState(c, samplePod());
    expect(text).toMatch(/^Name: {9}web-1\nNamespace: {4}default\nKind: {9}Pod\n/);
    expect(text).toContain('  pod (actor pod:default/web-1):\n    State:        active.phase.running + active.lifecycle.alive.unlimited\n');
    expect(text).toMatch(/Transitions:\n {6}Age {5}Event {29}From -> To\n/);
    expect(text).toContain('-> active.phase.running + active.lifecycle.alive.unlimited');
    expect(describeWithState(c, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } })).toContain('State Machines:\n  <none>\n');
    pod.stop();
  });
});
