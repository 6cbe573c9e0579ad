import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { formatLabelSelectorSpec } from '../api/labelSelector.ts';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, ageOf, col, hasTrueCondition, layoutContainerCells, nameOf, printBoolPtr } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { humanDuration, parseTimestamp, translateTimestampSince } from './humanDuration.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Job, now: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime);
  // DURATION keeps growing while the job runs and freezes at completionTime − startTime.
  return humanDuration((end ?? now) - start);
}

/**
 * The STATUS cell of `kubectl get jobs` (v1.30+): Complete, Failed, Terminating, Suspended,
 * FailureTarget or Running, in that order of precedence.
 */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasTrueCondition(conditions, 'Complete')) return 'Complete';
  if (hasTrueCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasTrueCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasTrueCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/**
 * `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. (The seeds show
 * the pre-1.30 layout without STATUS; upstream v1.30 added it.)
 * @public
 */
export const jobPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', FIELD_DOCS.jobSucceeded),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', FIELD_DOCS.jobSelector, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const job = obj as Job;
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return [nameOf(obj), jobStatus(job), completions(job), jobDuration(job, now), ageOf(obj, now), names, images, formatLabelSelectorSpec(job.spec?.selector)];
  },
};

/** `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR. @public */
export const cronJobPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Schedule', 'string', FIELD_DOCS.cronSchedule),
    col('Timezone', 'string', FIELD_DOCS.cronTimeZone),
    col('Suspend', 'boolean', FIELD_DOCS.cronSuspend),
    col('Active', 'integer', FIELD_DOCS.cronActive),
    col('Last Schedule', 'string', FIELD_DOCS.cronLastSchedule),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', FIELD_DOCS.jobSelector, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const cj = obj as CronJob;
    const last = cj.status?.lastScheduleTime;
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    return [
      nameOf(obj),
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      printBoolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last ? translateTimestampSince(last, now) : '<none>',
      ageOf(obj, now),
      names,
      images,
      formatLabelSelectorSpec(jobSpec?.selector),
    ];
  },
};
