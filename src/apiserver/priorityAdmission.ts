// The Priority admission plugin (upstream plugin/pkg/admission/priority): resolves a pod's
// priorityClassName to spec.priority and spec.preemptionPolicy at creation, and keeps a single
// globalDefault PriorityClass.
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { forbidden } from '../api/status.ts';
import type { AdmissionPlugin, AdmissionRequest } from './admission.ts';

/** Priority of the built-in class `system-cluster-critical`. */
export const SYSTEM_CLUSTER_CRITICAL_PRIORITY = 2000000000;
/** Priority of the built-in class `system-node-critical`. */
export const SYSTEM_NODE_CRITICAL_PRIORITY = 2000001000;

/** The classes kube-apiserver creates at start (upstream `SystemPriorityClasses`). */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = Object.freeze([
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: SYSTEM_NODE_CRITICAL_PRIORITY,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: SYSTEM_CLUSTER_CRITICAL_PRIORITY,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
]);

const isPods = (r: AdmissionRequest): boolean => r.resource.group === '' && r.resource.kind === 'Pod' && r.subresource === undefined;
const isClasses = (r: AdmissionRequest): boolean => r.resource.group === 'scheduling.k8s.io' && r.resource.kind === 'PriorityClass';

/** The global default class: with several, the one with the lowest value (as upstream). */
function defaultClass(classes: readonly PriorityClass[]): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const c of classes) if (c.globalDefault === true && (best === undefined || c.value < best.value)) best = c;
  return best;
}

/**
 * The Priority admission plugin over the stored PriorityClasses (`classes` lists them; the two
 * system classes are known even when not stored). On Pod create: a named class sets
 * `spec.priority` and `spec.preemptionPolicy` (403 `no PriorityClass with name foo was found` for
 * an unknown one, 403 when the pod already gives a different value); without a name the
 * globalDefault class applies, if any (else priority 0: a pod may not set a priority of its own). A pod without a class carries the defaulted `priority: 0`
 * and `PreemptLowerPriority` here (upstream leaves them unset until this plugin), so those two
 * values count as unset when a global default exists.
 * @public
 */
export function createPriorityAdmission(classes: () => readonly PriorityClass[]): AdmissionPlugin {
  const find = (name: string): PriorityClass | undefined => classes().find((c) => c.metadata?.name === name) ?? SYSTEM_PRIORITY_CLASSES.find((c) => c.metadata?.name === name);

  const admitPod = (r: AdmissionRequest): KubeObject | undefined => {
    const pod = r.object as Pod & KubeObject;
    const spec = pod.spec;
    if (spec === undefined) return undefined;
    if (r.operation === 'UPDATE') {
      // Priority is set once, at creation; an update that drops it keeps the stored one.
      const old = (r.oldObject as Pod | undefined)?.spec;
      if (spec.priority != null || old?.priority == null) return undefined;
      return { ...pod, spec: { ...spec, priority: old.priority, ...(old.preemptionPolicy === undefined ? {} : { preemptionPolicy: old.preemptionPolicy }) } } as KubeObject;
    }
    if (r.operation !== 'CREATE') return undefined;
    const name = spec.priorityClassName ?? '';
    let pc: PriorityClass | undefined;
    let given = spec.priority;
    let givenPolicy = spec.preemptionPolicy;
    if (name === '') {
      pc = defaultClass(classes());
      if (given === 0) given = undefined;
      if (givenPolicy === 'PreemptLowerPriority') givenPolicy = undefined;
      if (pc === undefined) {
        if (given != null) throw forbidden('pods', r.name, `the integer value of priority (${given}) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name`);
        return undefined;
      }
    } else {
      pc = find(name);
      if (pc === undefined) throw forbidden('pods', r.name, `no PriorityClass with name ${name} was found`);
    }
    if (given != null && given !== pc.value) {
      throw forbidden('pods', r.name, `the integer value of priority (${given}) must not be provided in pod spec; priority admission controller computed ${pc.value} from the given PriorityClass name`);
    }
    const policy = pc.preemptionPolicy ?? 'PreemptLowerPriority';
    if (givenPolicy != null && givenPolicy !== policy) {
      throw forbidden('pods', r.name, `the string value of PreemptionPolicy (${givenPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    return { ...pod, spec: { ...spec, priorityClassName: pc.metadata?.name ?? name, priority: pc.value, preemptionPolicy: policy } } as KubeObject;
  };

  return {
    name: 'Priority',
    mutate: (r) => (isPods(r) ? admitPod(r) : undefined),
    validate(r) {
      if (!isClasses(r) || (r.operation !== 'CREATE' && r.operation !== 'UPDATE')) return;
      const pc = r.object as PriorityClass;
      if (pc.globalDefault !== true) return;
      const current = defaultClass(classes());
      if (current !== undefined && (r.operation === 'CREATE' || current.metadata?.name !== pc.metadata?.name)) {
        throw forbidden('priorityclasses', r.name, `PriorityClass ${current.metadata?.name ?? ''} is already marked as default. Only one default can exist`, 'scheduling.k8s.io');
      }
    },
  };
}
