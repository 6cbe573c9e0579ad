import type { NodeCondition, Taint } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../apiserver/timestamps.ts';

/** A node condition type the kubelet reports. */
export type NodeConditionType = 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';

/** One node condition as a machine keeps it: its value and when that value began. */
export interface NodeConditionState {
  readonly status: 'True' | 'False' | 'Unknown';
  readonly since: number;
  readonly reason: string;
  readonly message: string;
}

const TEXT: Readonly<Record<Exclude<NodeConditionType, 'Ready'>, readonly [string, string, string, string]>> = {
  MemoryPressure: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['KubeletHasDiskPressure', 'kubelet has disk pressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  NetworkUnavailable: ['NoRouteCreated', 'Node created without a route', 'RouteCreated', 'RouteController created a route'],
};

/** A pressure (or network) condition with kubelet's reason and message. */
export function pressureCondition(type: Exclude<NodeConditionType, 'Ready'>, active: boolean, since: number): NodeConditionState {
  const t = TEXT[type];
  return active ? { status: 'True', since, reason: t[0], message: t[1] } : { status: 'False', since, reason: t[2], message: t[3] };
}

/** The Ready condition with kubelet's reasons (`KubeletReady` / `KubeletNotReady`). */
export function readyCondition(ready: boolean, since: number, why = 'container runtime is down'): NodeConditionState {
  return ready
    ? { status: 'True', since, reason: 'KubeletReady', message: 'kubelet is posting ready status' }
    : { status: 'False', since, reason: 'KubeletNotReady', message: why };
}

/** Keeps `since` when the status did not change (only a change moves `lastTransitionTime`). */
export function updateCondition(prev: NodeConditionState | undefined, next: NodeConditionState): NodeConditionState {
  return prev !== undefined && prev.status === next.status ? { ...next, since: prev.since } : next;
}

/** `status.conditions` of a Node from condition states, with `lastHeartbeatTime` = `heartbeatAt`. */
export function nodeConditionsOf(conditions: Readonly<Partial<Record<NodeConditionType, NodeConditionState>>>, heartbeatAt: number): NodeCondition[] {
  const order: NodeConditionType[] = ['NetworkUnavailable', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];
  const out: NodeCondition[] = [];
  for (const type of order) {
    const c = conditions[type];
    if (c === undefined) continue;
    out.push({ type, status: c.status, lastHeartbeatTime: rfc3339(heartbeatAt), lastTransitionTime: rfc3339(c.since), reason: c.reason, message: c.message });
  }
  return out;
}

/** Taint keys the node lifecycle controller and TaintNodesByCondition use (core/v1 well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * The taints a node's conditions imply: `not-ready` (Ready=False) or `unreachable` (Ready=Unknown),
 * each NoSchedule and NoExecute (NoExecute with `timeAdded`), and NoSchedule taints for memory,
 * disk and PID pressure and an unavailable network.
 * @public
 */
export function taintsForConditions(conditions: Readonly<Partial<Record<NodeConditionType, NodeConditionState>>>): Taint[] {
  const taints: Taint[] = [];
  const ready = conditions.Ready;
  if (ready !== undefined && ready.status !== 'True') {
    const key = ready.status === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    taints.push({ key, effect: 'NoSchedule' }, { key, effect: 'NoExecute', timeAdded: rfc3339(ready.since) });
  }
  const byCondition: [NodeConditionType, string][] = [
    ['MemoryPressure', 'node.kubernetes.io/memory-pressure'],
    ['DiskPressure', 'node.kubernetes.io/disk-pressure'],
    ['PIDPressure', 'node.kubernetes.io/pid-pressure'],
    ['NetworkUnavailable', 'node.kubernetes.io/network-unavailable'],
  ];
  for (const [type, key] of byCondition) if (conditions[type]?.status === 'True') taints.push({ key, effect: 'NoSchedule' });
  return taints;
}
