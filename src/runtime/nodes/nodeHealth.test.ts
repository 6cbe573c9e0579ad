import { describe, expect, it } from 'vitest';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1.js';
import { heartbeatAdvanced, markNodeStatusUnknown, nodeReport } from './nodeHealth.ts';

const T0 = '2025-01-01T00:00:00Z';
const NOW = '2025-01-01T00:01:00Z';
const cond = (type: string, status: string, beat = T0): NodeCondition => ({ type, status, reason: 'r', message: 'm', lastHeartbeatTime: beat, lastTransitionTime: T0 });
const node = (...conditions: NodeCondition[]): Node => ({ metadata: { name: 'n', creationTimestamp: T0 }, status: { conditions } });

describe('markNodeStatusUnknown', () => {
  it('should turn Ready and pressures Unknown, keep the heartbeat time, add missing ones and leave NetworkUnavailable alone', () => {
    const out = markNodeStatusUnknown([cond('NetworkUnavailable', 'False'), cond('MemoryPressure', 'False'), cond('Ready', 'True')], T0, NOW);
    expect(out).toEqual([
      cond('NetworkUnavailable', 'False'),
      { type: 'MemoryPressure', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: T0, lastTransitionTime: NOW },
      { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: T0, lastTransitionTime: NOW },
      { type: 'DiskPressure', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: T0, lastTransitionTime: NOW },
      { type: 'PIDPressure', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: T0, lastTransitionTime: NOW },
    ]);
    expect(markNodeStatusUnknown(out, T0, '2025-01-01T00:05:00Z')).toEqual(out);
  });
});

describe('nodeReport', () => {
  it('should read readiness and pressures, and nothing from an Unknown node', () => {
    expect(nodeReport(node(cond('Ready', 'True'), cond('DiskPressure', 'True'), cond('PIDPressure', 'Unknown')))).toEqual({ ready: true, diskPressure: true });
    expect(nodeReport(node(cond('Ready', 'Unknown')))).toBeUndefined();
    expect(nodeReport(node())).toBeUndefined();
  });

  it('should see a heartbeat only when the Ready heartbeat time moves forward', () => {
    expect(heartbeatAdvanced(node(cond('Ready', 'True')), node(cond('Ready', 'True', NOW)))).toBe(true);
    expect(heartbeatAdvanced(node(cond('Ready', 'True', NOW)), node(cond('Ready', 'Unknown', NOW)))).toBe(false);
    expect(heartbeatAdvanced(node(), node(cond('Ready', 'False')))).toBe(true);
  });
});
