// Upstream validation of a pod's scheduling constraints: affinity and topology spread.
import type { Affinity, NodeSelectorTerm, PodAffinityTerm, TopologySpreadConstraint, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateLabelName, validateLabelSelectorSpec } from '../labelValidation.ts';
import { dns1123LabelErrors } from '../names.ts';
import { arr } from './validationUtils.ts';

function validateNodeSelectorTerm(term: NodeSelectorTerm | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(term?.matchExpressions).forEach((rq, j) => {
    const p = `${path}.matchExpressions[${j}]`;
    const n = arr(rq.values).length;
    switch (rq.operator) {
      case 'In':
      case 'NotIn':
        if (n === 0) errs.push(fieldError.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (n > 0) errs.push(fieldError.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt':
      case 'Lt':
        if (n !== 1) errs.push(fieldError.required(`${p}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        errs.push(fieldError.invalid(`${p}.operator`, rq.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(rq.key, `${p}.key`));
  });
  arr(term?.matchFields).forEach((rq, j) => {
    const p = `${path}.matchFields[${j}]`;
    if (rq.key !== 'metadata.name') errs.push(fieldError.invalid(`${p}.key`, rq.key, 'not a valid field selector key'));
    if ((rq.operator === 'In' || rq.operator === 'NotIn') && arr(rq.values).length !== 1) {
      errs.push(fieldError.required(`${p}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else if (rq.operator !== 'In' && rq.operator !== 'NotIn') {
      errs.push(fieldError.invalid(`${p}.operator`, rq.operator, 'not a valid selector operator'));
    }
  });
  return errs;
}

function weightErrors(weight: number | undefined, path: string): FieldError[] {
  const w = weight ?? 0;
  return w <= 0 || w > 100 ? [fieldError.invalid(path, w, 'must be in the range 1-100')] : [];
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: string): FieldError[] {
  const errs = [...validateLabelSelectorSpec(term.labelSelector, `${path}.labelSelector`), ...validateLabelSelectorSpec(term.namespaceSelector, `${path}.namespaceSelector`)];
  for (const ns of arr(term.namespaces)) errs.push(...dns1123LabelErrors(ns).map((m) => fieldError.invalid(`${path}.namespace`, ns, m)));
  if (!term.topologyKey) errs.push(fieldError.required(`${path}.topologyKey`, 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', `${path}.topologyKey`));
  return errs;
}

function validatePodAffinityRules(required: readonly PodAffinityTerm[] | undefined, preferred: readonly WeightedPodAffinityTerm[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(required).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)));
  arr(preferred).forEach((t, i) => {
    const p = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    errs.push(...weightErrors(t.weight, `${p}.weight`), ...validatePodAffinityTerm(t.podAffinityTerm, `${p}.podAffinityTerm`));
  });
  return errs;
}

/** Upstream `validateAffinity`: node affinity terms and pod (anti-)affinity terms. */
export function validateAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const na = affinity?.nodeAffinity;
  if (na != null) {
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req != null) {
      const tp = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      if (arr(req.nodeSelectorTerms).length === 0) errs.push(fieldError.required(tp, 'must have at least one node selector term'));
      arr(req.nodeSelectorTerms).forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, `${tp}[${i}]`)));
    }
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const p = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      errs.push(...weightErrors(t.weight, `${p}.weight`), ...validateNodeSelectorTerm(t.preference, `${p}.preference`));
    });
  }
  const pa = affinity?.podAffinity;
  if (pa != null) errs.push(...validatePodAffinityRules(pa.requiredDuringSchedulingIgnoredDuringExecution, pa.preferredDuringSchedulingIgnoredDuringExecution, `${path}.podAffinity`));
  const anti = affinity?.podAntiAffinity;
  if (anti != null) errs.push(...validatePodAffinityRules(anti.requiredDuringSchedulingIgnoredDuringExecution, anti.preferredDuringSchedulingIgnoredDuringExecution, `${path}.podAntiAffinity`));
  return errs;
}

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];

/** Upstream `validateTopologySpreadConstraints`. */
export function validateTopologySpreadConstraints(constraints: readonly TopologySpreadConstraint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr(constraints);
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(fieldError.invalid(`${p}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(fieldError.required(`${p}.topologyKey`, 'can not be empty'));
    if (!SCHEDULE_ACTIONS.includes(c.whenUnsatisfiable)) errs.push(fieldError.notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', SCHEDULE_ACTIONS));
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(fieldError.duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains != null) {
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(fieldError.invalid(`${p}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
      }
      if (c.minDomains <= 0) errs.push(fieldError.invalid(`${p}.minDomains`, c.minDomains, 'must be greater than zero'));
    }
    errs.push(...validateLabelSelectorSpec(c.labelSelector, `${p}.labelSelector`));
  });
  return errs;
}
