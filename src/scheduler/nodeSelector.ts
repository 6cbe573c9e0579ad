// Node selector terms (upstream component-helpers/scheduling/corev1/nodeaffinity): matchExpressions
// on labels with In, NotIn, Exists, DoesNotExist, Gt, Lt and matchFields on metadata.name.
import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';
import { parseInt64 } from '../api/labelRequirement.ts';

// undefined = the requirement is invalid, which makes its whole term unusable (upstream parse error).
function labelRequirementMatches(req: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean | undefined {
  const values = req.values ?? [];
  const has = Object.hasOwn(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return value !== undefined && values.includes(value);
    case 'NotIn':
      if (values.length === 0) return undefined;
      return value === undefined || !values.includes(value);
    case 'Exists':
      return values.length === 0 ? has : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? !has : undefined;
    case 'Gt':
    case 'Lt': {
      const bound = values.length === 1 ? parseInt64(values[0] ?? '') : undefined;
      if (bound === undefined) return undefined;
      const actual = value === undefined ? undefined : parseInt64(value);
      if (actual === undefined) return false;
      return req.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return undefined;
  }
}

function fieldRequirementMatches(req: NodeSelectorRequirement, node: Node): boolean | undefined {
  // Only metadata.name is a supported field, with In/NotIn and exactly one value.
  if (req.key !== 'metadata.name') return undefined;
  const values = req.values ?? [];
  if (values.length !== 1) return undefined;
  const name = node.metadata?.name ?? '';
  if (req.operator === 'In') return name === values[0];
  if (req.operator === 'NotIn') return name !== values[0];
  return undefined;
}

/** Whether one term matches (all its requirements); an empty or invalid term matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  let ok = true;
  // Evaluate everything so that an invalid requirement voids the term even after a mismatch.
  for (const r of exprs) {
    const m = labelRequirementMatches(r, labels);
    if (m === undefined) return false;
    ok &&= m;
  }
  for (const r of fields) {
    const m = fieldRequirementMatches(r, node);
    if (m === undefined) return false;
    ok &&= m;
  }
  return ok;
}

/** Whether any term of a node selector matches (terms are ORed). */
export function nodeSelectorMatches(selector: NodeSelector, node: Node): boolean {
  return selector.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node));
}

/** Whether every `spec.nodeSelector` pair is a label of the node. */
export function nodeSelectorMapMatches(selector: Readonly<Record<string, string>> | undefined, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  return Object.entries(selector ?? {}).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

/**
 * A pod's hard node constraints: `spec.nodeSelector` AND the required node affinity
 * (upstream `nodeaffinity.GetRequiredNodeAffinity`).
 * @public
 */
export interface RequiredNodeAffinity {
  match(node: Node): boolean;
}

/** The {@link RequiredNodeAffinity} of a pod. */
export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = pod.spec?.nodeSelector;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    match: (node) => nodeSelectorMapMatches(selector, node) && (required === undefined || nodeSelectorMatches(required, node)),
  };
}
