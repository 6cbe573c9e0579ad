import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { describe, expect, it } from 'vitest';
import { cellText } from './formatTable.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();
const line = (obj: Job | CronJob, wide = false): string => (buildTable([obj], { now: NOW, wide }).rows[0]?.cells ?? []).map(cellText).join(' ');

function job(status: Job['status'], spec: Partial<NonNullable<Job['spec']>> = {}, ageSeconds = 10): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'batch-job', namespace: 'default', creationTimestamp: at(ageSeconds) },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } },
      template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'luksa/batch-job' }] } },
      ...spec,
    },
    ...(status === undefined ? {} : { status }),
  };
}

describe('jobPrinter', () => {
  it('should print a running job whose DURATION keeps growing (seeds-003a §24.2)', () => {
    expect(line(job({ startTime: at(10), active: 1 }, { completions: 1, parallelism: 1 }))).toBe('batch-job Running 0/1 10s 10s');
  });

  it('should freeze DURATION at completion while AGE grows (seeds-003a §24.5)', () => {
    const done = job({ startTime: at(600), completionTime: at(600 - 285), succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }, { completions: 1 }, 600);
    expect(line(done)).toBe('batch-job Complete 1/1 4m45s 10m');
    expect(line(done, true)).toBe('batch-job Complete 1/1 4m45s 10m main luksa/batch-job batch.kubernetes.io/controller-uid=abc');
  });

  it('should print COMPLETIONS for parallel jobs without a completion count', () => {
    const parallel = job({ startTime: at(5), succeeded: 1 }, { parallelism: 3 });
    expect(line(parallel)).toBe('batch-job Running 1/1 of 3 5s 10s');
    expect(line(job({ succeeded: 2 }, { completions: 5, parallelism: 2 }))).toBe('batch-job Running 2/5  10s');
  });

  it('should derive STATUS from the conditions in upstream order', () => {
    const cases: [Job, string][] = [
      [job({ conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] }), 'Failed'],
      [job({ conditions: [{ type: 'Suspended', status: 'True' }] }), 'Suspended'],
      [job({ conditions: [{ type: 'Suspended', status: 'False' }] }), 'Running'],
      [job({ conditions: [{ type: 'FailureTarget', status: 'True' }] }), 'FailureTarget'],
      [{ ...job({}), metadata: { name: 'batch-job', creationTimestamp: at(10), deletionTimestamp: at(1) } }, 'Terminating'],
      [{ ...job({ conditions: [{ type: 'Complete', status: 'True' }] }), metadata: { name: 'batch-job', creationTimestamp: at(10), deletionTimestamp: at(1) } }, 'Complete'],
    ];
    for (const [j, status] of cases) expect(buildTable([j], { now: NOW }).rows[0]?.cells[1]).toBe(status);
  });
});

describe('cronJobPrinter', () => {
  const cj: CronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: at(3600) },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } } } },
  };

  it('should print <none> for no time zone and no schedule yet, and <unset> for an unset suspend', () => {
    expect(line(cj)).toBe('hello */5 * * * * <none> <unset> 0 <none> 60m');
  });

  it('should print the active jobs, the last schedule age and the wide columns', () => {
    const busy: CronJob = { ...cj, spec: { ...cj.spec!, timeZone: 'Etc/UTC', suspend: false }, status: { active: [{ name: 'hello-28400000' }], lastScheduleTime: at(120) } };
    expect(line(busy, true)).toBe('hello */5 * * * * Etc/UTC False 1 2m 60m hello busybox <none>');
  });
});
