import { produce } from 'immer';
import type { Container, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { applyRequestsFromLimits } from './applyContainerDefaults.ts';
import { applyPodSpecDefaults } from './applyPodSpecDefaults.ts';

/** The pod annotation that marks a static pod's mirror (the ServiceAccount admission plugin skips those). */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** Seconds a pod tolerates a not-ready or unreachable node before eviction (DefaultTolerationSeconds admission). */
export const DEFAULT_TOLERATION_SECONDS = 300;

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function applyHostNetworkPorts(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/**
 * `SetDefaults_Pod` and the pod-spec defaults. Upstream applies the Pod-only parts (requests copied from
 * limits, enableServiceLinks, host ports under hostNetwork, a negative grace period made 1) to Pods and
 * not to pod templates.
 */
export function defaultPod(pod: Pod): Pod {
  return produce(pod, (d) => {
    const spec = (d.spec ??= {} as PodSpec);
    applyPodSpecDefaults(spec);
    for (const c of spec.containers ?? []) applyRequestsFromLimits(c);
    for (const c of spec.initContainers ?? []) applyRequestsFromLimits(c);
    if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
    // The pod strategy turns a negative grace period into 1 on create and update (negative means "now"
    // to the kubelet); validation then allows that one change on an old pod.
    if (spec.terminationGracePeriodSeconds != null && spec.terminationGracePeriodSeconds < 0) spec.terminationGracePeriodSeconds = 1;
    if (spec.hostNetwork) {
      applyHostNetworkPorts(spec.containers);
      applyHostNetworkPorts(spec.initContainers);
    }
  });
}

function tolerates(ts: readonly Toleration[], key: string): boolean {
  return ts.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

/**
 * What the default admission chain adds to a Pod on create, which kube-apiserver does in admission
 * plugins rather than in defaulting (so pod templates never get it):
 * - ServiceAccount: `serviceAccountName: default` (not for mirror pods). The token volume that plugin
 *   also mounts is left to the caller, as its name carries a random suffix.
 * - Priority: with no `priorityClassName` and no global default class, `priority: 0` and
 *   `preemptionPolicy: PreemptLowerPriority`. Resolving a named class needs the store and is not done here.
 * - DefaultTolerationSeconds: NoExecute tolerations of `not-ready` and `unreachable` for 300 s, unless
 *   the pod already tolerates them.
 */
export function admitPodOnCreate(pod: Pod): Pod {
  return produce(pod, (d) => {
    const spec = (d.spec ??= {} as PodSpec);
    const mirror = d.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
    if (!spec.serviceAccountName && !mirror) spec.serviceAccountName = 'default';
    if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
    if (!spec.priorityClassName) {
      if (spec.priority == null) spec.priority = 0;
      if (spec.preemptionPolicy == null) spec.preemptionPolicy = 'PreemptLowerPriority';
    }
    for (const key of [NOT_READY, UNREACHABLE]) {
      if (!tolerates(spec.tolerations ?? [], key)) (spec.tolerations ??= []).push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  });
}
