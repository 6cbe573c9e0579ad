// Topology spread constraints as PodTopologySpread evaluates them (upstream
// plugins/podtopologyspread/common.go and plugin.go buildDefaultConstraints, helper.DefaultSelector).
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { isEverything, labelSelectorOf, matchesLabels, type LabelSelectorRequirements } from '../../api/labelSelector.ts';
import type { LabelRequirement } from '../../api/labelRequirement.ts';
import { safeSelector } from '../affinityTerms.ts';
import type { ClusterSnapshot } from '../clusterSnapshot.ts';
import type { RequiredNodeAffinity } from '../nodeSelector.ts';
import type { PodInfo } from '../podInfo.ts';
import { findUntoleratedTaint } from '../taints.ts';

/** Whether nodes failing the pod's node affinity / untolerated taints count as domains. */
export type NodeInclusionPolicy = 'Honor' | 'Ignore';

/**
 * A constraint with its selector parsed and defaults applied (minDomains 1, nodeAffinityPolicy
 * Honor, nodeTaintsPolicy Ignore).
 * @public
 */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelSelectorRequirements;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: NodeInclusionPolicy;
  readonly nodeTaintsPolicy: NodeInclusionPolicy;
}

/** The well-known hostname label (per-node domains). */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/** The system default constraints (upstream `systemDefaultConstraints`): zone skew 5, hostname skew 3, both ScheduleAnyway. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
]);

function addRequirements(sel: LabelSelectorRequirements, extra: readonly LabelRequirement[]): LabelSelectorRequirements {
  if (extra.length === 0 || sel.nothing) return sel;
  return labelSelectorOf([...sel.requirements, ...extra]);
}

/**
 * The constraints with `whenUnsatisfiable === action`, parsed; `matchLabelKeys` add `key in (v)` with
 * the pod's own label values (upstream `filterTopologySpreadConstraints`).
 */
export function filterConstraints(constraints: readonly TopologySpreadConstraint[], pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const labels = pod.metadata?.labels ?? {};
  return constraints
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => {
      const extra: LabelRequirement[] = [];
      for (const key of c.matchLabelKeys ?? []) {
        const v = labels[key];
        if (v !== undefined) extra.push({ key, operator: 'In', values: [v] });
      }
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector: addRequirements(safeSelector(c.labelSelector), extra),
        minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: (c.nodeAffinityPolicy ?? 'Honor') as NodeInclusionPolicy,
        nodeTaintsPolicy: (c.nodeTaintsPolicy ?? 'Ignore') as NodeInclusionPolicy,
      };
    });
}

/**
 * The selector of the pod's "group" (upstream `helper.DefaultSelector`): labels of the Services
 * selecting it, plus the selector of its controlling ReplicationController, ReplicaSet or StatefulSet.
 */
export function defaultSelector(pod: Pod, snapshot: ClusterSnapshot): LabelSelectorRequirements {
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = pod.metadata?.labels ?? {};
  const set: Record<string, string> = {};
  for (const svc of snapshot.lookups.services?.(ns) ?? []) {
    const sel = svc.spec?.selector;
    if (sel === undefined) continue;
    if (Object.entries(sel).every(([k, v]) => podLabels[k] === v)) Object.assign(set, sel);
  }
  const fromSet = (s: Record<string, string>): LabelSelectorRequirements =>
    labelSelectorOf(Object.entries(s).map(([key, v]) => ({ key, operator: 'Equals', values: [v] })));
  let selector = fromSet(set);
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller === true);
  if (owner === undefined) return selector;
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = snapshot.lookups.replicationController?.(ns, owner.name);
    if (rc !== undefined) selector = fromSet({ ...set, ...(rc.spec?.selector ?? {}) });
  } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const obj = owner.kind === 'ReplicaSet' ? snapshot.lookups.replicaSet?.(ns, owner.name) : snapshot.lookups.statefulSet?.(ns, owner.name);
    if (obj?.spec !== undefined) {
      const other = safeSelector(obj.spec.selector);
      if (!other.nothing) selector = addRequirements(selector, other.requirements);
    }
  }
  return selector;
}

/** The profile's default constraints for a pod without its own, all with the pod's group selector. */
export function buildDefaultConstraints(defaults: readonly TopologySpreadConstraint[], pod: Pod, snapshot: ClusterSnapshot, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const constraints = filterConstraints(defaults, pod, action);
  if (constraints.length === 0) return [];
  const selector = defaultSelector(pod, snapshot);
  if (isEverything(selector)) return [];
  return constraints.map((c) => ({ ...c, selector }));
}

/** The constraints of one kind a pod is subject to: its own, else the profile defaults. */
export function podConstraints(snapshot: ClusterSnapshot, pod: Pod, defaults: readonly TopologySpreadConstraint[], action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  return own.length > 0 ? filterConstraints(own, pod, action) : buildDefaultConstraints(defaults, pod, snapshot, action);
}

/** Whether the node has every constraint's topology label. */
export function nodeHasAllTopologyKeys(labels: Readonly<Record<string, string>>, constraints: readonly SpreadConstraint[]): boolean {
  return constraints.every((c) => Object.hasOwn(labels, c.topologyKey));
}

/** Whether a node counts for a constraint under its inclusion policies (upstream `matchNodeInclusionPolicies`). */
export function matchNodeInclusionPolicies(c: SpreadConstraint, pod: Pod, node: Node, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations) !== undefined) return false;
  return true;
}

/**
 * Pods in `namespace`, not terminating, matching the selector; 0 for an empty selector
 * (upstream `countPodsMatchSelector`).
 */
export function countPodsMatchSelector(pods: Iterable<PodInfo>, selector: LabelSelectorRequirements, namespace: string): number {
  if (isEverything(selector)) return 0;
  let n = 0;
  for (const pi of pods) {
    const m = pi.pod.metadata;
    if (m?.deletionTimestamp !== undefined || (m?.namespace ?? '') !== namespace) continue;
    if (matchesLabels(selector, m?.labels)) n++;
  }
  return n;
}
