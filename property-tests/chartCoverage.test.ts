import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createActor } from 'xstate';
import { catalogue } from '../machines/catalogue.ts';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import { buildCoverageReport, chartCoverageItems, createCoverageRecorder, formatCoverageTable, processCoverage, recordCoverage } from '../src/inspect/coverage.ts';
import type { CoverageReport } from '../src/inspect/coverage.ts';
import { readCoverageFragments, writeCoverageReport } from '../src/inspect/coverageFiles.ts';
import { deploymentRolloutMachine } from '../machines/deploymentRolloutMachine.ts';

const reportFile = join(process.cwd(), 'test-artifacts', 'chart-coverage.json');

describe('chart coverage', () => {
  it('should enumerate states and transitions of every catalogued machine', () => {
    for (const e of catalogue) {
      const items = chartCoverageItems(e.machine);
      expect(items.states.length, e.name).toBeGreaterThan(1);
      expect(new Set(items.states).size, `${e.name}: state names are unique`).toBe(items.states.length);
      expect(new Set(items.transitions).size, `${e.name}: transition names are unique`).toBe(items.transitions.length);
    }
  });

  it('should count exactly the states and transitions an actor went through', () => {
    const recorder = createCoverageRecorder();
    const actor = createActor(deploymentRolloutMachine, { input: { key: 'default/web' }, inspect: recorder.inspect });
    actor.start();
    actor.send({ type: 'rollout.observed', paused: false, complete: true, available: true, revision: '1', newReplicaSet: 'web-1', progressing: { status: 'True', reason: 'NewReplicaSetAvailable', message: 'done' } } as never);
    actor.stop();
    const figures = buildCoverageReport(catalogue.filter((e) => e.machine === deploymentRolloutMachine), [recorder.fragment()]).machines[0]!;
    // (root), progressing (initial) and complete; one of the five guarded alternatives.
    expect(figures.states.reached).toBe(3);
    expect(figures.states.unreached).toEqual(['failed', 'paused']);
    expect(figures.transitions.reached).toBe(1);
    expect(figures.transitions.unreached).not.toContain('(root) --rollout.observed--> complete #2');
  });

  it('should write a report listing every catalogued machine, with what the suite reached', async () => {
    // This file opts in too: a short cluster run reaches the component and controller charts.
    const cluster = createCluster({ inspect: recordCoverage() });
    await cluster.settle();
    await cluster.stop();
    const dir = inject('chartCoverageDir');
    const fragments = [...(dir === undefined ? [] : readCoverageFragments(dir)), processCoverage() ?? {}];
    const report = buildCoverageReport(catalogue, fragments);
    // The run's global teardown rewrites the file with every test file's fragment once all have finished.
    writeCoverageReport(reportFile, report);
    expect(existsSync(reportFile)).toBe(true);
    const written = JSON.parse(readFileSync(reportFile, 'utf8')) as CoverageReport;
    expect(written.machines.map((m) => m.name)).toEqual(catalogue.map((e) => e.name));
    for (const m of written.machines) {
      const items = chartCoverageItems(catalogue.find((e) => e.name === m.name)!.machine);
      expect(m.states.total).toBe(items.states.length);
      expect(m.transitions.total).toBe(items.transitions.length);
      expect(m.states.reached + m.states.unreached.length).toBe(m.states.total);
      expect(m.transitions.reached + m.transitions.unreached.length).toBe(m.transitions.total);
    }
    expect(written.machines.find((m) => m.name === 'reconciler')!.states.reached).toBeGreaterThan(1);
    const unreached = written.machines.filter((m) => m.transitions.unreached.length > 0 || m.states.unreached.length > 0);
    process.stdout.write(`\n${formatCoverageTable(report)}${unreached.map((m) => `\n${m.name} unreached:\n${[...m.states.unreached.map((s) => `  state ${s}`), ...m.transitions.unreached.map((t) => `  ${t}`)].join('\n')}`).join('\n')}\n`);
  });
});
