// Upstream ValidateCronJobCreate / ValidateCronJobUpdate (pkg/apis/batch/validation).
import type { CronJob, CronJobSpec } from 'kubernetes-types/batch/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { cronScheduleError, isKnownTimeZone } from './cronSchedule.ts';
import { validateJobSpecBody } from './validateJob.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { nonNegative } from './validationUtils.ts';

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

function validateTimeZone(tz: string | undefined, path: string): FieldError[] {
  if (tz == null) return [];
  if (tz === '') return [fieldError.invalid(path, tz, 'timeZone must be nil or non-empty string')];
  if (tz.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(p))) {
    return [fieldError.invalid(path, tz, `unknown time zone ${tz}`)];
  }
  if (tz.toLowerCase() === 'local') return [fieldError.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  return isKnownTimeZone(tz) ? [] : [fieldError.invalid(path, tz, `unknown time zone ${tz}`)];
}

/** Upstream `validateCronJobSpec` (`old` is the previous spec on update). */
export function validateCronJobSpec(spec: CronJobSpec | undefined, old?: CronJobSpec): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = spec?.schedule ?? '';
  if (!schedule) errs.push(fieldError.required('spec.schedule'));
  else {
    const msg = cronScheduleError(schedule);
    if (msg !== undefined) errs.push(fieldError.invalid('spec.schedule', schedule, msg));
    const allowTz = old?.schedule?.includes('TZ') ?? false;
    if (allowTz && schedule.includes('TZ') && spec?.timeZone != null) {
      errs.push(fieldError.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTz && schedule.includes('TZ')) {
      errs.push(fieldError.invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  errs.push(...nonNegative(spec?.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (old === undefined || old.timeZone !== spec?.timeZone) errs.push(...validateTimeZone(spec?.timeZone, 'spec.timeZone'));
  const cp = spec?.concurrencyPolicy ?? '';
  if (!cp) errs.push(fieldError.required('spec.concurrencyPolicy'));
  else if (!CONCURRENCY_POLICIES.includes(cp)) errs.push(fieldError.notSupported('spec.concurrencyPolicy', cp, CONCURRENCY_POLICIES));
  const jobSpec = spec?.jobTemplate?.spec;
  errs.push(...validateJobSpecBody(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec?.selector != null) errs.push(fieldError.invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'));
  if (jobSpec?.manualSelector === true) errs.push(fieldError.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errs.push(...nonNegative(spec?.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec?.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

/** Upstream `ValidateCronJobCreate`: names ≤ 52 characters (the controller appends an 11-character suffix). */
export function validateCronJob(obj: CronJob): FieldError[] {
  const errs = [...validateObjectMeta(obj.metadata, true), ...validateCronJobSpec(obj.spec)];
  const name = obj.metadata?.name ?? '';
  if (name.length > 52) errs.push(fieldError.invalid('metadata.name', name, 'must be no more than 52 characters'));
  return errs;
}

/** Upstream `ValidateCronJobUpdate` (no name-length check, so old long names stay updatable). */
export function validateCronJobUpdate(obj: CronJob, old: CronJob): FieldError[] {
  return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateCronJobSpec(obj.spec, old.spec ?? ({} as CronJobSpec))];
}
