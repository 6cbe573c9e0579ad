// Cluster events that may make an unschedulable pod schedulable (upstream framework.ClusterEvent).
import type { Node } from 'kubernetes-types/core/v1.js';

/**
 * Action bits (upstream `framework.ActionType`); combine with `|`.
 * @public
 */
export const ACTION = Object.freeze({
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  UpdatePodTolerations: 512,
  UpdatePodSchedulingGatesEliminated: 1024,
  UpdateOther: 2048,
  /** Every update bit. */
  Update: 4 | 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 2048,
  All: 4095,
});

/**
 * An event: a resource kind (`'*'` for any), action bits and a label for logs/metrics.
 * @public
 */
export interface ClusterEvent {
  readonly resource: string;
  readonly actionType: number;
  readonly label?: string;
}

/** An event any registration matches (upstream `IsWildCard`). */
export function isWildCard(e: ClusterEvent): boolean {
  return e.resource === '*' && e.actionType === ACTION.All;
}

/** Whether an event that happened (`e`) is covered by a plugin's registration (`registered`). */
export function eventMatches(registered: ClusterEvent, e: ClusterEvent): boolean {
  if (isWildCard(registered) || isWildCard(e)) return true;
  return (registered.resource === '*' || registered.resource === e.resource) && (registered.actionType & e.actionType) !== 0;
}

/** Well-known events (upstream `framework/events.go`). */
export const EVENTS = Object.freeze({
  NodeAdd: { resource: 'Node', actionType: ACTION.Add, label: 'NodeAdd' },
  AssignedPodAdd: { resource: 'Pod', actionType: ACTION.Add, label: 'AssignedPodAdd' },
  AssignedPodUpdate: { resource: 'Pod', actionType: ACTION.Update, label: 'AssignedPodUpdate' },
  AssignedPodDelete: { resource: 'Pod', actionType: ACTION.Delete, label: 'AssignedPodDelete' },
  PvcAdd: { resource: 'PersistentVolumeClaim', actionType: ACTION.Add, label: 'PvcAdd' },
  PvcUpdate: { resource: 'PersistentVolumeClaim', actionType: ACTION.Update, label: 'PvcUpdate' },
  UnschedulableTimeout: { resource: '*', actionType: ACTION.All, label: 'UnschedulableTimeout' },
  ForceActivate: { resource: '*', actionType: ACTION.All, label: 'ForceActivate' },
} satisfies Record<string, ClusterEvent>);

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The event for a node update, with one bit per kind of change (upstream `nodeSchedulingPropertiesChange`);
 * `undefined` when nothing the scheduler cares about changed. `spec.unschedulable` counts as a taint change.
 */
export function nodeUpdateEvent(oldNode: Node, newNode: Node): ClusterEvent | undefined {
  let bits = 0;
  if (oldNode.spec?.unschedulable !== newNode.spec?.unschedulable) bits |= ACTION.UpdateNodeTaint;
  if (!sameJson(oldNode.status?.allocatable, newNode.status?.allocatable)) bits |= ACTION.UpdateNodeAllocatable;
  if (!sameJson(oldNode.metadata?.labels, newNode.metadata?.labels)) bits |= ACTION.UpdateNodeLabel;
  if (!sameJson(oldNode.spec?.taints, newNode.spec?.taints)) bits |= ACTION.UpdateNodeTaint;
  const conds = (n: Node): unknown => (n.status?.conditions ?? []).map((c) => [c.type, c.status]);
  if (!sameJson(conds(oldNode), conds(newNode))) bits |= ACTION.UpdateNodeCondition;
  if (!sameJson(oldNode.metadata?.annotations, newNode.metadata?.annotations)) bits |= ACTION.UpdateNodeAnnotation;
  return bits === 0 ? undefined : { resource: 'Node', actionType: bits, label: 'NodeUpdate' };
}
