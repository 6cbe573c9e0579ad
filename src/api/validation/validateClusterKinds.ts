// Upstream validation of Namespace, Node (core), PriorityClass (scheduling) and Lease (coordination).
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Namespace, Node } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { formatQuantity, isValidQuantity, parseQuantity, ERR_FORMAT_WRONG } from '../quantity.ts';
import { finalizerNameErrors, nameIsDnsLabel, validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { validateTaints } from './validateTolerations.ts';
import { arr, immutable, NON_NEGATIVE_MSG, semanticEqual, sortedKeys } from './validationUtils.ts';

/** Upstream `ValidateNamespace`: a DNS-1123 label name, standard or qualified spec finalizers. */
export function validateNamespace(ns: Namespace): FieldError[] {
  return [...validateObjectMeta(ns.metadata, false, 'metadata', nameIsDnsLabel), ...namespaceFinalizerErrors(ns)];
}

function namespaceFinalizerErrors(ns: Namespace): FieldError[] {
  return arr(ns.spec?.finalizers).flatMap((f) => finalizerNameErrors(f, 'spec.finalizers'));
}

/** Upstream `ValidateNamespaceUpdate` (and `/finalize`'s check of spec.finalizers). */
export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return [...validateObjectMetaUpdate(ns.metadata, old.metadata), ...namespaceFinalizerErrors(ns)];
}

function nodeResourceErrors(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['capacity', 'allocatable'] as const) {
    const list = node.status?.[f];
    for (const k of sortedKeys(list)) {
      const v = String(list?.[k] ?? '');
      const p = `status.${f}[${k}]`;
      if (!isValidQuantity(v)) errs.push(fieldError.invalid(p, v, ERR_FORMAT_WRONG));
      else if (parseQuantity(v).nanos < 0n) errs.push(fieldError.invalid(p, formatQuantity(parseQuantity(v)), NON_NEGATIVE_MSG));
    }
  }
  return errs;
}

/** Upstream `ValidateNode`. Taint errors are reported under `metadata.taints`, as upstream does. */
export function validateNode(node: Node): FieldError[] {
  return [...validateObjectMeta(node.metadata, false), ...validateTaints(node.spec?.taints, 'metadata.taints'), ...nodeResourceErrors(node)];
}

/** Upstream `ValidateNodeUpdate`: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = [...validateObjectMetaUpdate(node.metadata, old.metadata), ...nodeResourceErrors(node)];
  const seen: unknown[] = [];
  arr(node.status?.addresses).forEach((a, i) => {
    if (seen.some((s) => semanticEqual(s, a))) errs.push(fieldError.duplicate(`status.addresses[${i}]`, a));
    seen.push(a);
  });
  const oldCidrs = arr(old.spec?.podCIDRs);
  if (oldCidrs.length > 0 && !semanticEqual(oldCidrs, arr(node.spec?.podCIDRs))) {
    errs.push(fieldError.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(fieldError.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(node.spec?.taints, 'metadata.taints'));
  return errs;
}

const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
const HIGHEST_USER_PRIORITY = 1000000000;

/** Upstream `ValidatePriorityClass`. */
export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false);
  const name = pc.metadata?.name ?? '';
  if (name.startsWith('system-')) {
    const want = SYSTEM_PRIORITY_CLASSES[name];
    const why =
      want === undefined ? `${name} is not a known system priority class` : pc.value !== want ? `value of ${name} PriorityClass must be ${want}` : pc.globalDefault ? `globalDefault of ${name} PriorityClass must be false` : undefined;
    if (why !== undefined) errs.push(fieldError.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
  } else if (pc.value > HIGHEST_USER_PRIORITY) {
    errs.push(fieldError.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  const pp = pc.preemptionPolicy;
  if (pp != null && pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(fieldError.notSupported('preemptionPolicy', pp, ['PreemptLowerPriority', 'Never']));
  return errs;
}

/** Upstream `ValidatePriorityClassUpdate`: value and preemptionPolicy immutable. */
export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata);
  if (pc.value !== old.value) errs.push(fieldError.forbidden('value', 'may not be changed in an update.'));
  return [...errs, ...immutable(pc.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy')];
}

function leaseSpecErrors(lease: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const d = lease.spec?.leaseDurationSeconds;
  if (d != null && d <= 0) errs.push(fieldError.invalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  const t = lease.spec?.leaseTransitions;
  if (t != null && t < 0) errs.push(fieldError.invalid('spec.leaseTransitions', t, NON_NEGATIVE_MSG));
  return errs;
}

/** Upstream `ValidateLease`. */
export function validateLease(lease: Lease): FieldError[] {
  return [...validateObjectMeta(lease.metadata, true), ...leaseSpecErrors(lease)];
}

/** Upstream `ValidateLeaseUpdate`. */
export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata), ...leaseSpecErrors(lease)];
}
