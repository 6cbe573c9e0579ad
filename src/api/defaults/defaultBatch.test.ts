import { describe, it, expect } from 'vitest';
import { cronJob, deepFreeze, job } from '../validation/testObjects.ts';
import { defaultCronJob, defaultJob } from './defaultBatch.ts';

describe('defaultJob', () => {
  it('should default counts, backoffLimit 6, mode, suspend and replacement policy', () => {
    const spec = defaultJob(deepFreeze(job())).spec;
    expect(spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(spec?.manualSelector).toBeUndefined();
  });

  it('should only default parallelism when completions is set, and use MaxInt32 with backoffLimitPerIndex', () => {
    const j = job();
    const spec = defaultJob({ ...j, spec: { ...j.spec!, completions: 5, backoffLimitPerIndex: 1, completionMode: 'Indexed' } }).spec;
    expect(spec?.completions).toBe(5);
    expect(spec?.parallelism).toBe(1);
    expect(spec?.backoffLimit).toBe(2147483647);
    const p = defaultJob({ ...j, spec: { ...j.spec!, parallelism: 3 } }).spec;
    expect(p?.completions).toBeUndefined();
  });

  it('should copy template labels to the job before generating the selector from the uid', () => {
    const out = defaultJob(job());
    expect(out.metadata?.labels).toEqual({ app: 'batch' });
    expect(out.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } });
    expect(out.spec?.template.metadata?.labels).toEqual({
      app: 'batch',
      'controller-uid': 'uid-1',
      'batch.kubernetes.io/controller-uid': 'uid-1',
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
    });
    expect(defaultJob(out)).toEqual(out);
  });

  it('should not generate a selector for a manual selector or without a uid', () => {
    const j = job();
    expect(defaultJob({ ...j, spec: { ...j.spec!, manualSelector: true } }).spec?.selector).toBeUndefined();
    expect(defaultJob({ ...j, metadata: { name: 'pi' } }).spec?.selector).toBeUndefined();
  });

  it('should use Failed replacement with a pod failure policy and default its condition status', () => {
    const j = job();
    const spec = defaultJob({ ...j, spec: { ...j.spec!, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as never] }] } } }).spec;
    expect(spec?.podReplacementPolicy).toBe('Failed');
    expect(spec?.podFailurePolicy?.rules[0]?.onPodConditions?.[0]).toEqual({ type: 'DisruptionTarget', status: 'True' });
  });
});

describe('defaultCronJob', () => {
  it('should default policy, suspend and history limits and the pod template, not Job fields', () => {
    const spec = defaultCronJob(deepFreeze(cronJob())).spec;
    expect(spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(spec?.jobTemplate.spec?.backoffLimit).toBeUndefined();
    expect(spec?.jobTemplate.spec?.template.spec?.dnsPolicy).toBe('ClusterFirst');
    expect(spec?.jobTemplate.spec?.template.spec?.restartPolicy).toBe('OnFailure');
  });
});
