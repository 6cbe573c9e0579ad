import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Affinity, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { semanticEqual } from '../api/validation/validationUtils.ts';
import { parseTimestamp } from '../apiserver/timestamps.ts';
import { requiredNodeAffinity } from '../scheduler/nodeSelector.ts';
import { findUntoleratedTaint } from '../scheduler/taints.ts';

/** The label holding a DaemonSet pod's ControllerRevision hash. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
/** The legacy label holding a DaemonSet pod's template generation. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** The annotation a DaemonSet's template generation lives in under apps/v1. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

// Upstream Toleration.MatchToleration: same key, operator, value and effect.
const sameToleration = (a: Toleration, b: Toleration): boolean =>
  (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');

function addOrUpdateToleration(tolerations: Toleration[], t: Toleration): Toleration[] {
  const i = tolerations.findIndex((x) => sameToleration(x, t));
  if (i < 0) return [...tolerations, t];
  if (semanticEqual(tolerations[i], t)) return tolerations;
  return tolerations.map((x, j) => (j === i ? t : x));
}

/**
 * Upstream `AddOrUpdateDaemonPodTolerations`: DaemonSet pods tolerate not-ready and unreachable
 * (NoExecute, forever), disk-, memory- and pid-pressure and unschedulable (NoSchedule), and with
 * hostNetwork network-unavailable (NoSchedule).
 */
export function daemonPodTolerations(spec: PodSpec): Toleration[] {
  let t = [...(spec.tolerations ?? [])];
  t = addOrUpdateToleration(t, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  t = addOrUpdateToleration(t, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' });
  for (const key of ['node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable']) {
    t = addOrUpdateToleration(t, { key, operator: 'Exists', effect: 'NoSchedule' });
  }
  if (spec.hostNetwork === true) t = addOrUpdateToleration(t, { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** The DaemonSet's template generation (the apps/v1 annotation), if set and valid. */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const v = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Upstream `CreatePodTemplate`: the DaemonSet tolerations plus the generation and revision-hash labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = structuredClone(ds.spec?.template ?? {});
  const spec = t.spec ?? { containers: [] };
  t.spec = { ...spec, tolerations: daemonPodTolerations(spec) };
  const labels: Record<string, string> = { ...(t.metadata?.labels ?? {}) };
  const gen = templateGeneration(ds);
  if (gen !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(gen);
  if (hash !== '') labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  t.metadata = { ...(t.metadata ?? {}), labels };
  return t;
}

/** Upstream `ReplaceDaemonSetPodNodeNameNodeAffinity`: the required node affinity becomes `metadata.name In [node]`. */
export function replaceNodeNameAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const required = { ...(affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? {}), nodeSelectorTerms: [term] };
  return { ...(affinity ?? {}), nodeAffinity: { ...(affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/** Upstream `GetTargetNodeName`: `spec.nodeName`, else the node the `metadata.name` affinity names. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/**
 * Upstream `NodeShouldRunDaemonPod`: `shouldRun` when the node name, node selector, required node
 * affinity and NoSchedule/NoExecute taints (with the DaemonSet tolerations) all allow a new pod;
 * `shouldContinueRunning` when an existing pod may stay (a NoSchedule taint alone does not evict).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const name = node.metadata?.name ?? '';
  const templateSpec = ds.spec?.template.spec;
  if (templateSpec?.nodeName && templateSpec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  const pod: Pod = { metadata: { ...(ds.spec?.template.metadata ?? {}) }, spec: { ...(templateSpec ?? { containers: [] }), nodeName: name, tolerations: daemonPodTolerations(templateSpec ?? { containers: [] }) } };
  if (!requiredNodeAffinity(pod).match(node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  if (findUntoleratedTaint(taints, pod.spec?.tolerations) !== undefined) {
    return { shouldRun: false, shouldContinueRunning: findUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute') === undefined };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** Upstream `podByCreationTimestampAndPhase`: bound pods first, then oldest, then by name. */
export function compareDaemonPods(a: Pod, b: Pod): number {
  const ba = Boolean(a.spec?.nodeName);
  const bb = Boolean(b.spec?.nodeName);
  if (ba !== bb) return ba ? -1 : 1;
  const ta = parseTimestamp(a.metadata?.creationTimestamp);
  const tb = parseTimestamp(b.metadata?.creationTimestamp);
  if (ta === tb || (Number.isNaN(ta) && Number.isNaN(tb))) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : (a.metadata?.name ?? '') > (b.metadata?.name ?? '') ? 1 : 0;
  return ta - tb;
}

/** Upstream `IsPodUpdated`: the pod carries the current revision hash (or template generation). */
export function isDaemonPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  return (hash !== '' && labels[CONTROLLER_REVISION_HASH_LABEL] === hash) || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation));
}
