import { describe, it, expect } from 'vitest';
import { produce } from 'immer';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { defaultCronJob, defaultJob } from '../defaults/defaultBatch.ts';
import { cronJob, job, messages } from './testObjects.ts';
import { validateCronJob, validateCronJobUpdate } from './validateCronJob.ts';
import { validateJob, validateJobUpdate } from './validateJob.ts';

describe('validateJob', () => {
  const errorsOf = (edit: (j: Job) => void): string[] => messages(validateJob(defaultJob(produce(job(), edit))));

  it('should accept a defaulted job with its generated selector', () => {
    expect(errorsOf(() => {})).toEqual([]);
    expect(errorsOf((j) => void Object.assign(j.spec!, { completionMode: 'Indexed', completions: 3, parallelism: 3 }))).toEqual([]);
  });

  it.each<[string, (j: Job) => void, string[]]>([
    ['restartPolicy Always', (j) => void (j.spec!.template.spec!.restartPolicy = 'Always'), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['an unset restartPolicy (defaulted to Always)', (j) => void delete j.spec!.template.spec!.restartPolicy, ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['negative completions', (j) => void (j.spec!.completions = -1), ['spec.completions: Invalid value: -1: must be greater than or equal to 0']],
    ['negative parallelism', (j) => void (j.spec!.parallelism = -2), ['spec.parallelism: Invalid value: -2: must be greater than or equal to 0']],
    ['a negative backoffLimit', (j) => void (j.spec!.backoffLimit = -1), ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['Indexed without completions', (j) => void Object.assign(j.spec!, { completionMode: 'Indexed', parallelism: 2 }), ['spec.completions: Required value: when completion mode is Indexed']],
    ['an unknown completion mode', (j) => void (j.spec!.completionMode = 'Ordered'), ['spec.completionMode: Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"']],
    [
      'a manual selector that does not match',
      (j) => void Object.assign(j.spec!, { manualSelector: true, selector: { matchLabels: { app: 'other' } } }),
      ['spec.template.metadata.labels: Invalid value: {"app":"batch"}: `selector` does not match template `labels`'],
    ],
    ['a manual job without selector', (j) => void (j.spec!.manualSelector = true), ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"app":"batch"}: `selector` does not match template `labels`']],
    ['a podFailurePolicy with OnFailure', (j) => void Object.assign(j.spec!, { podFailurePolicy: { rules: [] }, template: { ...j.spec!.template, spec: { ...j.spec!.template.spec, restartPolicy: 'OnFailure' } } }), ['spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified']],
  ])('should report %s', (_what, edit, want) => {
    expect(errorsOf(edit)).toEqual(want);
  });

  it('should require generated labels to carry the job uid and name', () => {
    const j = defaultJob(job());
    const wrong = produce(j, (d) => void (d.spec!.template.metadata!.labels!['job-name'] = 'other'));
    expect(messages(validateJob(wrong))[0]).toMatch(/^spec\.template\.metadata\.labels\[job-name\]: Invalid value: .*: must be 'pi'$/);
    const noUid = produce(j, (d) => void delete d.metadata!.uid);
    expect(messages(validateJob(noUid))).toContain('metadata.uid: Required value');
  });

  it('should keep selector, template and completions immutable on update, except scheduling hints of a suspended unstarted job', () => {
    const old = defaultJob(produce(job(), (j) => void (j.metadata!.resourceVersion = '1')));
    expect(validateJobUpdate(produce(old, (j) => void (j.spec!.parallelism = 4)), old)).toEqual([]);
    expect(messages(validateJobUpdate(produce(old, (j) => void (j.spec!.template.spec!.containers[0]!.image = 'x')), old))[0]).toMatch(/^spec\.template: Invalid value: .*: field is immutable$/);
    expect(messages(validateJobUpdate(produce(old, (j) => void (j.spec!.completions = 2)), old))).toEqual(['spec.completions: Invalid value: 2: field is immutable']);
    const suspended = produce(old, (j) => void (j.spec!.suspend = true));
    expect(validateJobUpdate(produce(suspended, (j) => void (j.spec!.template.spec!.nodeSelector = { zone: 'a' })), suspended)).toEqual([]);
  });
});

describe('validateCronJob', () => {
  const errorsOf = (edit: (c: CronJob) => void): string[] => messages(validateCronJob(defaultCronJob(produce(cronJob(), edit))));

  it('should accept a defaulted cron job', () => {
    expect(errorsOf(() => {})).toEqual([]);
    expect(errorsOf((c) => void (c.spec!.timeZone = 'Europe/Paris'))).toEqual([]);
  });

  it.each<[string, (c: CronJob) => void, string[]]>([
    ['a missing schedule', (c) => void (c.spec!.schedule = ''), ['spec.schedule: Required value']],
    ['a malformed schedule', (c) => void (c.spec!.schedule = '* * *'), ['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]']],
    ['a TZ in the schedule', (c) => void (c.spec!.schedule = 'TZ=UTC * * * * *'), ['spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    ['an unknown time zone', (c) => void (c.spec!.timeZone = 'Mars/Olympus'), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    ['an unknown concurrency policy', (c) => void (c.spec!.concurrencyPolicy = 'Sometimes'), ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']],
    ['a job template restartPolicy Always', (c) => void (c.spec!.jobTemplate.spec!.template.spec!.restartPolicy = 'Always'), ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['a selector in the job template', (c) => void (c.spec!.jobTemplate.spec!.selector = { matchLabels: { a: 'b' } }), ['spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated']],
    ['negative history limits', (c) => void (c.spec!.failedJobsHistoryLimit = -1), ['spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['a name over 52 characters', (c) => void (c.metadata!.name = 'c'.repeat(53)), [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`]],
  ])('should report %s', (_what, edit, want) => {
    expect(errorsOf(edit)).toEqual(want);
  });

  it('should not re-check the name length on update', () => {
    const old = defaultCronJob(produce(cronJob(), (c) => void Object.assign(c.metadata!, { name: 'c'.repeat(60), resourceVersion: '1' })));
    expect(validateCronJobUpdate(produce(old, (c) => void (c.spec!.suspend = true)), old)).toEqual([]);
  });
});
