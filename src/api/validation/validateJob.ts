// Upstream ValidateJob / ValidateJobUpdate (pkg/apis/batch/validation).
import type { Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { JOB_LABELS } from '../defaults/defaultBatch.ts';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { validatePodTemplateSpec } from './validatePodSpec.ts';
import { selectorMatchErrors, selectorOf, validateRequiredSelector } from './validateWorkloadTemplate.ts';
import { immutable, nonNegative, semanticEqual } from './validationUtils.ts';

const MAX_PARALLELISM_INDEXED = 100000;

/** Upstream `validateJobSpec`: counts, modes and the pod template (restartPolicy OnFailure or Never). */
export function validateJobSpecBody(spec: JobSpec | undefined, path: string): FieldError[] {
  const errs = [
    ...nonNegative(spec?.parallelism, `${path}.parallelism`),
    ...nonNegative(spec?.completions, `${path}.completions`),
    ...nonNegative(spec?.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`),
    ...nonNegative(spec?.backoffLimit, `${path}.backoffLimit`),
    ...nonNegative(spec?.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`),
  ];
  const mode = spec?.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fieldError.notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec?.completions == null) errs.push(fieldError.required(`${path}.completions`, 'when completion mode is Indexed'));
      if (spec?.parallelism != null && spec.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(fieldError.invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
    }
  }
  const prp = spec?.podReplacementPolicy;
  if (prp != null && prp !== 'TerminatingOrFailed' && prp !== 'Failed') errs.push(fieldError.notSupported(`${path}.podReplacementPolicy`, prp, ['TerminatingOrFailed', 'Failed']));
  errs.push(...validatePodTemplateSpec(spec?.template, `${path}.template`));
  const restart = spec?.template?.spec?.restartPolicy ?? '';
  const rp = `${path}.template.spec.restartPolicy`;
  if (restart === 'Always' || restart === '') errs.push(fieldError.required(rp, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(fieldError.notSupported(rp, restart, ['OnFailure', 'Never']));
  else if (spec?.podFailurePolicy != null && restart !== 'Never') errs.push(fieldError.invalid(rp, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** Upstream `ValidateJobSpec`: the body plus a selector that matches the template. */
export function validateJobSpec(spec: JobSpec | undefined, path = 'spec'): FieldError[] {
  const errs = [...validateJobSpecBody(spec, path), ...validateRequiredSelector(spec?.selector, `${path}.selector`)];
  // A nil selector matches nothing, so upstream reports the template as not matching too.
  errs.push(...selectorMatchErrors(selectorOf(spec?.selector), spec?.template, `${path}.template`, false));
  return errs;
}

// Upstream validateGeneratedSelector: a generated selector's labels must be on the template.
function generatedSelectorErrors(job: Job): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector === true || spec?.template?.metadata?.labels == null) return [];
  const uid = job.metadata?.uid ?? '';
  if (!uid) return [fieldError.required('metadata.uid')];
  const labels = spec.template.metadata.labels;
  const errs: FieldError[] = [];
  const name = job.metadata?.name ?? '';
  const expected = [[JOB_LABELS.legacyControllerUid, uid], [JOB_LABELS.legacyJobName, name], [JOB_LABELS.controllerUid, uid], [JOB_LABELS.jobName, name]] as const;
  for (const [key, want] of expected) {
    const have = labels[key];
    if (have === undefined) errs.push(fieldError.required(`spec.template.metadata.labels[${key}]`, `must be '${want}'`));
    else if (have !== want) errs.push(fieldError.invalid(`spec.template.metadata.labels[${key}]`, labels, `must be '${want}'`));
  }
  return errs;
}

/** Upstream `ValidateJob`. Expects a defaulted Job (whose selector defaulting generated from its uid). */
export function validateJob(job: Job): FieldError[] {
  return [...validateObjectMeta(job.metadata, true), ...generatedSelectorErrors(job), ...validateJobSpec(job.spec)];
}

// A suspended Job that never started may change its template's scheduling directives (upstream
// AllowMutableSchedulingDirectives); those fields are taken from the new template before comparing.
function comparableTemplate(template: PodTemplateSpec | undefined, from: PodTemplateSpec | undefined, mutable: boolean): unknown {
  if (!mutable) return template;
  const meta = { ...template?.metadata, labels: from?.metadata?.labels, annotations: from?.metadata?.annotations };
  const spec = { ...template?.spec, nodeSelector: from?.spec?.nodeSelector, tolerations: from?.spec?.tolerations, schedulingGates: from?.spec?.schedulingGates, affinity: from?.spec?.affinity };
  return { ...template, metadata: meta, spec };
}

/** Upstream `ValidateJobUpdate`: selector, template, completionMode, podFailurePolicy immutable; completions too unless elastic-indexed. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const spec = job.spec;
  const oldSpec = old.spec;
  const errs = [...validateObjectMetaUpdate(job.metadata, old.metadata), ...validateJobSpec(spec)];
  const indexed = spec?.completionMode === 'Indexed';
  if (!indexed) errs.push(...immutable(spec?.completions, oldSpec?.completions, 'spec.completions'));
  else if (!semanticEqual(spec?.completions, oldSpec?.completions) && spec?.completions != null && spec.completions !== spec.parallelism) {
    errs.push(fieldError.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
  }
  errs.push(...immutable(spec?.selector, oldSpec?.selector, 'spec.selector'));
  const mutable = oldSpec?.suspend === true && (old as { status?: { startTime?: string } }).status?.startTime == null;
  const oldTemplate = comparableTemplate(oldSpec?.template, spec?.template, mutable);
  if (!semanticEqual(spec?.template, oldTemplate)) errs.push(fieldError.invalid('spec.template', spec?.template, 'field is immutable'));
  errs.push(...immutable(spec?.completionMode, oldSpec?.completionMode, 'spec.completionMode'));
  errs.push(...immutable(spec?.podFailurePolicy, oldSpec?.podFailurePolicy, 'spec.podFailurePolicy'));
  errs.push(...immutable(spec?.backoffLimitPerIndex, oldSpec?.backoffLimitPerIndex, 'spec.backoffLimitPerIndex'));
  return errs;
}
