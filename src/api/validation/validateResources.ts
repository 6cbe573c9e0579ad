// Upstream ValidateResourceRequirements for containers (pkg/apis/core/validation).
import type { ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { qualifiedNameErrors } from '../names.ts';
import { compareQuantities, formatQuantity, isValidQuantity, parseQuantity, quantityToMilli, type Quantity } from '../quantity.ts';
import { ERR_FORMAT_WRONG } from '../quantity.ts';
import { NON_NEGATIVE_MSG, sortedKeys } from './validationUtils.ts';

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'requests.storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
/** Upstream `IsNativeResource`: unprefixed or in the `kubernetes.io/` domain. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** Upstream `IsExtendedResourceName` (e.g. `example.com/gpu`). */
export const isExtendedResource = (name: string): boolean =>
  !isNativeResource(name) && !name.startsWith('requests.') && qualifiedNameErrors(`requests.${name}`).length === 0;
const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePages(name);

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const qualified = qualifiedNameErrors(name).map((m) => fieldError.invalid(path, name, m));
  const errs: FieldError[] = [...qualified];
  if (!name.includes('/')) {
    if (qualified.length === 0 && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(fieldError.invalid(path, name, 'must be a standard resource type or fully qualified'));
    }
    if (!CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(fieldError.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    errs.push(fieldError.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(fieldError.invalid(path, formatQuantity(q), NON_NEGATIVE_MSG));
  if (isExtendedResource(name) && quantityToMilli(q) % 1000n !== 0n) errs.push(fieldError.invalid(path, formatQuantity(q), 'must be an integer'));
  return errs;
}

// A quantity that does not parse is a decode error upstream (400); here it is reported on its field.
function parsed(value: unknown, path: string, errs: FieldError[]): Quantity | undefined {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (!isValidQuantity(s)) {
    errs.push(fieldError.invalid(path, value, ERR_FORMAT_WRONG));
    return undefined;
  }
  return parseQuantity(s);
}

/**
 * Upstream `ValidateResourceRequirements` for a container: resource names, non-negative (integral for
 * extended resources) quantities, requests ≤ limits (= for resources that cannot be overcommitted).
 */
export function validateResourceRequirements(req: ResourceRequirements | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  const limits = new Map<string, Quantity>();
  let limCpuOrMemory = false;
  let limHugePages = false;
  for (const name of sortedKeys(req?.limits)) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    const q = parsed(req?.limits?.[name], p, errs);
    if (q === undefined) continue;
    errs.push(...validateQuantityValue(name, q, p));
    limits.set(name, q);
    if (isHugePages(name)) limHugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuOrMemory = true;
  }
  for (const name of sortedKeys(req?.requests)) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    const q = parsed(req?.requests?.[name], p, errs);
    if (q === undefined) continue;
    errs.push(...validateQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit !== undefined) {
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldError.invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      } else if (cmp > 0) {
        errs.push(fieldError.invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
      }
    } else if (!isOvercommitAllowed(name) && !(req?.limits != null && name in req.limits)) {
      errs.push(fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  if (limHugePages && !limCpuOrMemory) errs.push(fieldError.forbidden(limPath, 'HugePages require cpu or memory'));
  return errs;
}
