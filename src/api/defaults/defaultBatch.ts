import { produce } from 'immer';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { applyPodTemplateDefaults } from './applyPodSpecDefaults.ts';

/** Label keys the Job strategy puts on a Job's pod template and selector. */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  legacyControllerUid: 'controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyJobName: 'job-name',
} as const;

const MAX_INT32 = 2147483647;
const GENERATED_LABELS: ReadonlySet<string> = new Set(Object.values(JOB_LABELS));

/**
 * `SetDefaults_Job`: completions and parallelism 1 when both unset (parallelism 1 when unset), backoffLimit 6
 * (MaxInt32 with backoffLimitPerIndex), labels from the template, completionMode NonIndexed, suspend false,
 * podReplacementPolicy TerminatingOrFailed (Failed with a podFailurePolicy). Then, when the Job has a uid and
 * `manualSelector` is not true, the strategy's selector generation (upstream `generateSelector`, done at
 * create once the uid is known): template labels `controller-uid`/`job-name` (both spellings) and
 * `spec.selector.matchLabels[batch.kubernetes.io/controller-uid]`.
 */
export function defaultJob(obj: Job): Job {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {} as NonNullable<Job['spec']>);
    if (spec.completions == null && spec.parallelism == null) {
      spec.completions = 1;
      spec.parallelism = 1;
    }
    if (spec.parallelism == null) spec.parallelism = 1;
    if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? MAX_INT32 : 6;
    const template = (spec.template ??= {} as PodTemplateSpec);
    const templateLabels = template.metadata?.labels;
    const meta = (d.metadata ??= {});
    // Labels that only the selector generation put there are not copied: the Job had no labels of its
    // own at create, and copying them on a later write would make defaulting not idempotent.
    const own = Object.keys(templateLabels ?? {}).some((k) => !GENERATED_LABELS.has(k));
    if (templateLabels != null && own && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...templateLabels };
    if (!spec.completionMode) spec.completionMode = 'NonIndexed';
    if (spec.suspend == null) spec.suspend = false;
    for (const rule of spec.podFailurePolicy?.rules ?? []) {
      for (const pattern of rule.onPodConditions ?? []) {
        if (!pattern.status) pattern.status = 'True';
      }
    }
    if (!spec.podReplacementPolicy) spec.podReplacementPolicy = spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed';
    applyPodTemplateDefaults(template);
    const uid = meta.uid;
    if (spec.manualSelector !== true && uid) {
      const labels = ((template.metadata ??= {}).labels ??= {});
      for (const k of [JOB_LABELS.legacyJobName, JOB_LABELS.jobName]) labels[k] ??= meta.name ?? '';
      for (const k of [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid]) labels[k] ??= uid;
      const matchLabels = ((spec.selector ??= {}).matchLabels ??= {});
      matchLabels[JOB_LABELS.controllerUid] ??= uid;
    }
  });
}

/**
 * `SetDefaults_CronJob`: concurrencyPolicy Allow, suspend false, successfulJobsHistoryLimit 3,
 * failedJobsHistoryLimit 1. The job template's pod template gets pod-spec defaults; Job defaults apply
 * only when the controller creates a Job from it (as upstream).
 */
export function defaultCronJob(obj: CronJob): CronJob {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {} as NonNullable<CronJob['spec']>);
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
    if (spec.suspend == null) spec.suspend = false;
    if (spec.successfulJobsHistoryLimit == null) spec.successfulJobsHistoryLimit = 3;
    if (spec.failedJobsHistoryLimit == null) spec.failedJobsHistoryLimit = 1;
    const jobTemplate = (spec.jobTemplate ??= {});
    const jobSpec = (jobTemplate.spec ??= {} as NonNullable<Job['spec']>);
    applyPodTemplateDefaults((jobSpec.template ??= {}));
  });
}
