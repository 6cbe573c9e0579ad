// Upstream ValidatePodSpec and ValidatePodTemplateSpec.
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateLabelName, validateLabels } from '../labelValidation.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../names.ts';
import { validateContainers, validateInitContainers } from './validateContainers.ts';
import { validateAnnotations } from './validateObjectMeta.ts';
import { validateAffinity, validateTopologySpreadConstraints } from './validateScheduling.ts';
import { validateTolerations } from './validateTolerations.ts';
import { validateVolumes } from './validateVolumes.ts';
import { arr, inclusiveRangeError } from './validationUtils.ts';

const MAX_INT32 = 2147483647;
/** Pod restart policies, in upstream's order. */
export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

function requiredOneOf(value: string | undefined, allowed: readonly string[], path: string): FieldError[] {
  if (!value) return [fieldError.required(path)];
  return allowed.includes(value) ? [] : [fieldError.notSupported(path, value, allowed)];
}

function subdomainField(value: string | undefined, path: string): FieldError[] {
  return value ? dns1123SubdomainErrors(value).map((m) => fieldError.invalid(path, value, m)) : [];
}

function labelField(value: string | undefined, path: string): FieldError[] {
  return value ? dns1123LabelErrors(value).map((m) => fieldError.invalid(path, value, m)) : [];
}

/**
 * Upstream `ValidatePodSpec`: volumes, containers and init containers, restart and DNS policies, node
 * selector, affinity, tolerations, names it refers to, and the numeric fields. Expects a defaulted spec.
 */
export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as PodSpec);
  const volumes = validateVolumes(s.volumes, `${path}.volumes`);
  const errs: FieldError[] = [...volumes.errors];
  errs.push(...validateContainers(s.containers, volumes, `${path}.containers`));
  errs.push(...validateInitContainers(s.initContainers, s.containers, volumes, `${path}.initContainers`));
  errs.push(...requiredOneOf(s.restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`));
  errs.push(...requiredOneOf(s.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validateAffinity(s.affinity, `${path}.affinity`));
  if (s.dnsPolicy === 'None') {
    if (s.dnsConfig == null) errs.push(fieldError.required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (arr(s.dnsConfig.nameservers).length === 0) {
      errs.push(fieldError.required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
    }
  }
  arr(s.readinessGates).forEach((g, i) => errs.push(...validateLabelName(g.conditionType ?? '', `${path}.readinessGates[${i}].conditionType`)));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  errs.push(...subdomainField(s.serviceAccountName, `${path}.serviceAccountName`));
  errs.push(...subdomainField(s.nodeName, `${path}.nodeName`));
  const ads = s.activeDeadlineSeconds;
  if (ads != null && (ads < 1 || ads > MAX_INT32)) errs.push(fieldError.invalid(`${path}.activeDeadlineSeconds`, ads, inclusiveRangeError(1, MAX_INT32)));
  errs.push(...labelField(s.hostname, `${path}.hostname`));
  errs.push(...labelField(s.subdomain, `${path}.subdomain`));
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  errs.push(...subdomainField(s.priorityClassName, `${path}.priorityClassName`));
  if (s.preemptionPolicy != null) errs.push(...requiredOneOf(s.preemptionPolicy, PREEMPTION_POLICIES, `${path}.preemptionPolicy`));
  arr(s.schedulingGates).forEach((g, i) => errs.push(...validateLabelName(g.name ?? '', `${path}.schedulingGates[${i}].name`)));
  return errs;
}

/**
 * Upstream `ValidatePodTemplateSpec`: template labels (reported at `<path>.labels`, as upstream) and
 * annotations, the pod spec, and no ephemeral containers.
 */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const errs = [
    ...validateLabels(template?.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(template?.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(template?.spec, `${path}.spec`),
  ];
  if (arr(template?.spec?.ephemeralContainers).length > 0) {
    errs.push(fieldError.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
