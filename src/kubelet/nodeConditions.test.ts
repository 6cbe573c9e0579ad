import { describe, expect, it } from 'vitest';
import { nodeConditionsOf, pressureCondition, readyCondition, taintsForConditions, updateCondition } from './nodeConditions.ts';

describe('nodeConditions', () => {
  it('should move lastTransitionTime only when the status changes', () => {
    const first = readyCondition(true, 1000);
    expect(updateCondition(first, readyCondition(true, 9000)).since).toBe(1000);
    expect(updateCondition(first, readyCondition(false, 9000))).toMatchObject({ status: 'False', since: 9000, reason: 'KubeletNotReady', message: 'container runtime is down' });
  });

  it('should write conditions in kubelet order with the heartbeat time', () => {
    const conditions = nodeConditionsOf({ Ready: readyCondition(true, 0), MemoryPressure: pressureCondition('MemoryPressure', false, 0) }, 10_000);
    expect(conditions).toEqual([
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: '1970-01-01T00:00:10Z', lastTransitionTime: '1970-01-01T00:00:00Z', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
      { type: 'Ready', status: 'True', lastHeartbeatTime: '1970-01-01T00:00:10Z', lastTransitionTime: '1970-01-01T00:00:00Z', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    ]);
  });

  it('should derive the well-known taints', () => {
    expect(taintsForConditions({ Ready: readyCondition(true, 0) })).toEqual([]);
    expect(taintsForConditions({ Ready: readyCondition(false, 0), DiskPressure: pressureCondition('DiskPressure', true, 0), PIDPressure: pressureCondition('PIDPressure', true, 0) })).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '1970-01-01T00:00:00Z' },
      { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
    ]);
    expect(taintsForConditions({ Ready: { status: 'Unknown', since: 60_000, reason: 'NodeStatusUnknown', message: '' } })[1]).toEqual({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '1970-01-01T00:01:00Z' });
  });
});
