// Upstream ValidateObjectMeta / ValidateObjectMetaUpdate (apimachinery/pkg/api/validation/objectmeta.go,
// plus core's finalizer-name rule from pkg/apis/core/validation).
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateLabels } from '../labelSelector.ts';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../names.ts';
import { parseApiVersion } from '../resourceInfo.ts';
import { arr, immutable, nonNegative, sortedKeys } from './validationUtils.ts';

/** Checks a name (`prefix`: it is a generateName prefix, so a trailing dash is fine). Returns messages. */
export type NameValidator = (name: string, prefix: boolean) => string[];

// Upstream maskTrailingDash, including its quirk of dropping two characters before appending 'a'.
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** `NameIsDNSSubdomain`: most kinds. */
export const nameIsDnsSubdomain: NameValidator = (name, prefix) => dns1123SubdomainErrors(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNSLabel`: Namespaces, StatefulSets. */
export const nameIsDnsLabel: NameValidator = (name, prefix) => dns1123LabelErrors(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNS1035Label`: Services. */
export const nameIsDns1035Label: NameValidator = (name, prefix) => dns1035LabelErrors(prefix ? maskTrailingDash(name) : name);
/** `ValidatePathSegmentName`: RBAC kinds (whose names may hold `:`). */
export const nameIsPathSegment: NameValidator = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
};

/** Upstream `TotalAnnotationSizeLimitB`: 256 KiB of keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Upstream `ValidateAnnotations`: keys are qualified names (case-insensitively), total size ≤ 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined | null, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of sortedKeys(annotations)) {
    errs.push(...qualifiedNameErrors(k.toLowerCase()).map((m) => fieldError.invalid(path, k, m)));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(annotations?.[k] ?? ''));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fieldError.tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReference(ref: OwnerReference, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { group, version } = parseApiVersion(ref.apiVersion ?? '');
  if (!version) errs.push(fieldError.invalid(`${path}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
  if (!ref.kind) errs.push(fieldError.invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
  if (!ref.name) errs.push(fieldError.invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
  if (!ref.uid) errs.push(fieldError.invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
  if (group === '' && version === 'v1' && ref.kind === 'Event') errs.push(fieldError.invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
  return errs;
}

/** Upstream `ValidateOwnerReferences` (errors are on the list's path, not indexed, as upstream). */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of arr(refs)) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController !== '') {
        errs.push(fieldError.invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

/** Upstream core `validateFinalizerName`: a qualified name, and a standard one when it has no `/`. */
export function finalizerNameErrors(f: string, path: string): FieldError[] {
  const errs = qualifiedNameErrors(f).map((m) => fieldError.invalid(path, f, m));
  if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(fieldError.invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  return errs;
}

/**
 * Upstream `ValidateFinalizers`, then (for built-in kinds, `core`) core's rule that a finalizer name
 * without a `/` be a standard one (`kubernetes`, `orphan`, `foregroundDeletion`).
 */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: string, core = true): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr(finalizers);
  for (const f of list) errs.push(...qualifiedNameErrors(f).map((m) => fieldError.invalid(path, f, m)));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(fieldError.invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  if (core) {
    for (const f of list) {
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(fieldError.invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

/**
 * Upstream `ValidateObjectMeta`: name or generateName, namespace presence by scope, generation, labels,
 * annotations, owner references and finalizers. `core` false gives apimachinery's variant for custom
 * resources (no standard-finalizer rule).
 * @public
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  fieldPath = 'metadata',
  nameFn: NameValidator = nameIsDnsSubdomain,
  core = true,
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) errs.push(...nameFn(m.generateName, true).map((msg) => fieldError.invalid(`${fieldPath}.generateName`, m.generateName, msg)));
  if (!m.name) errs.push(fieldError.required(`${fieldPath}.name`, 'name or generateName is required'));
  else errs.push(...nameFn(m.name, false).map((msg) => fieldError.invalid(`${fieldPath}.name`, m.name, msg)));
  if (namespaced) {
    if (!m.namespace) errs.push(fieldError.required(`${fieldPath}.namespace`));
    else errs.push(...dns1123LabelErrors(m.namespace).map((msg) => fieldError.invalid(`${fieldPath}.namespace`, m.namespace, msg)));
  } else if (m.namespace) {
    errs.push(fieldError.forbidden(`${fieldPath}.namespace`, 'not allowed on this type'));
  }
  errs.push(...nonNegative(m.generation, `${fieldPath}.generation`));
  errs.push(...validateLabels(m.labels, `${fieldPath}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${fieldPath}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${fieldPath}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${fieldPath}.finalizers`, core));
  return errs;
}

/**
 * Upstream `ValidateObjectMetaUpdate`: identity and timestamps immutable, resourceVersion present,
 * generation not decremented, and the new labels, annotations, owners and finalizers valid. (Adding
 * finalizers to an object being deleted is refused by the API server itself.)
 * @public
 */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, fieldPath = 'metadata', core = true): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (!m.resourceVersion) errs.push(fieldError.invalid(`${fieldPath}.resourceVersion`, m.resourceVersion ?? '', 'must be specified for an update'));
  if ((m.generation ?? 0) < (o.generation ?? 0)) errs.push(fieldError.invalid(`${fieldPath}.generation`, m.generation ?? 0, 'must not be decremented'));
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    errs.push(...immutable(m[f], o[f], `${fieldPath}.${f}`));
  }
  errs.push(...validateLabels(m.labels, `${fieldPath}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${fieldPath}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${fieldPath}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${fieldPath}.finalizers`, core));
  return errs;
}
