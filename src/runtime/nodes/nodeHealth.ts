import type { Node, NodeCondition } from 'kubernetes-types/core/v1.js';
import { parseTimestamp } from '../../apiserver/timestamps.ts';

/** What a kubelet-posted Node status says, as the node lifecycle machine's heartbeat carries it. */
export interface NodeReport {
  ready: boolean;
  memoryPressure?: boolean;
  diskPressure?: boolean;
  pidPressure?: boolean;
  networkUnavailable?: boolean;
}

const conditionOf = (node: Node | undefined, type: string): NodeCondition | undefined => node?.status?.conditions?.find((c) => c.type === type);

/**
 * The report in a Node's conditions, or undefined when its Ready condition is missing or Unknown
 * (nothing a kubelet said: a Lease renewal alone does not bring an Unknown node back, as upstream,
 * where the condition stays Unknown until the kubelet posts its status again).
 * @public
 */
export function nodeReport(node: Node | undefined): NodeReport | undefined {
  const ready = conditionOf(node, 'Ready')?.status;
  if (ready !== 'True' && ready !== 'False') return undefined;
  const report: NodeReport = { ready: ready === 'True' };
  const flag = (type: string): boolean | undefined => {
    const s = conditionOf(node, type)?.status;
    return s === 'True' ? true : s === 'False' ? false : undefined;
  };
  const m = flag('MemoryPressure');
  const d = flag('DiskPressure');
  const p = flag('PIDPressure');
  const n = flag('NetworkUnavailable');
  if (m !== undefined) report.memoryPressure = m;
  if (d !== undefined) report.diskPressure = d;
  if (p !== undefined) report.pidPressure = p;
  if (n !== undefined) report.networkUnavailable = n;
  return report;
}

/** `lastHeartbeatTime` of the Ready condition in epoch ms (NaN when there is none). */
export function readyHeartbeatMs(node: Node | undefined): number {
  return parseTimestamp(conditionOf(node, 'Ready')?.lastHeartbeatTime);
}

/** Whether `next` carries a newer Ready heartbeat than `prev`. */
export function heartbeatAdvanced(prev: Node | undefined, next: Node): boolean {
  const a = readyHeartbeatMs(prev);
  const b = readyHeartbeatMs(next);
  return Number.isFinite(b) && (!Number.isFinite(a) || b > a);
}

const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/**
 * The conditions after the grace period passed without a heartbeat (upstream `tryUpdateNodeHealth`):
 * Ready and the pressure conditions become Unknown (`NodeStatusUnknown`, "Kubelet stopped posting
 * node status.") with `lastTransitionTime` now and `lastHeartbeatTime` kept; a condition never posted
 * is added (`NodeStatusNeverUpdated`, "Kubelet never posted node status."); NetworkUnavailable is
 * left alone, and so is a condition already Unknown.
 * @public
 */
export function markNodeStatusUnknown(conditions: readonly NodeCondition[] | undefined, creationTimestamp: string | undefined, now: string): NodeCondition[] {
  const out = [...(conditions ?? [])];
  for (const type of MONITORED) {
    const i = out.findIndex((c) => c.type === type);
    const c = out[i];
    if (c === undefined) {
      out.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', ...(creationTimestamp !== undefined ? { lastHeartbeatTime: creationTimestamp } : {}), lastTransitionTime: now });
    } else if (c.status !== 'Unknown') {
      out[i] = { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
    }
  }
  return out;
}
