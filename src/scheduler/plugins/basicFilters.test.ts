import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createClusterSnapshot, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { createCycleContext } from '../cycleContext.ts';
import { makeNode, makePod } from '../fixtures.ts';
import type { Plugin } from '../framework.ts';
import { nodeName, ERR_REASON_NODE_NAME } from './nodeName.ts';
import { nodePorts, ERR_REASON_NODE_PORTS } from './nodePorts.ts';
import { nodeUnschedulable, ERR_REASON_UNSCHEDULABLE } from './nodeUnschedulable.ts';
import { taintToleration, untoleratedTaintReason } from './taintToleration.ts';

function filterAll(plugin: Plugin, snapshot: ClusterSnapshot, pod: Pod): Record<string, string> {
  const ctx = createCycleContext({ schedulerName: 't', plugins: [{ plugin, weight: 1 }] }, snapshot);
  const pre = plugin.preFilter?.(ctx, pod);
  const out: Record<string, string> = {};
  for (const ni of snapshot.nodeInfos()) {
    const s = pre?.code === 'Skip' ? undefined : plugin.filter?.(ctx, pod, ni);
    out[ni.name] = s === undefined || s.code === 'Success' ? 'passed' : `${s.code}: ${s.reasons.join(', ')}`;
  }
  return out;
}

describe('NodeUnschedulable', () => {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('cordoned', { unschedulable: true }));
  s.upsertNode(makeNode('open'));

  it('should reject cordoned nodes as unresolvable', () => {
    expect(filterAll(nodeUnschedulable(), s, makePod('p'))).toEqual({ cordoned: `UnschedulableAndUnresolvable: ${ERR_REASON_UNSCHEDULABLE}`, open: 'passed' });
  });

  it('should let pods tolerating node.kubernetes.io/unschedulable:NoSchedule through', () => {
    const pod = makePod('p', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
    expect(filterAll(nodeUnschedulable(), s, pod)['cordoned']).toBe('passed');
    const wrongEffect = makePod('p', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }] } });
    expect(filterAll(nodeUnschedulable(), s, wrongEffect)['cordoned']).not.toBe('passed');
  });
});

describe('NodeName', () => {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('a'));
  s.upsertNode(makeNode('b'));

  it('should pass every node for a pod without spec.nodeName and only the named one otherwise', () => {
    expect(filterAll(nodeName(), s, makePod('p'))).toEqual({ a: 'passed', b: 'passed' });
    expect(filterAll(nodeName(), s, makePod('p', { spec: { nodeName: 'b' } }))).toEqual({ a: `UnschedulableAndUnresolvable: ${ERR_REASON_NODE_NAME}`, b: 'passed' });
  });
});

describe('NodePorts', () => {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('n1'));
  s.upsertNode(makeNode('n2'));
  s.upsertPod(makePod('webapp-1', { nodeName: 'n1', hostPorts: [{ hostPort: 8081 }] }));
  s.upsertPod(makePod('dns', { nodeName: 'n2', hostPorts: [{ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.2' }] }));

  it('should reject a node where the hostPort is taken (seed E2E-6 webapp 8081)', () => {
    expect(filterAll(nodePorts(), s, makePod('webapp-2', { hostPorts: [{ hostPort: 8081 }] }))).toEqual({ n1: `Unschedulable: ${ERR_REASON_NODE_PORTS}`, n2: 'passed' });
  });

  it('should compare protocol and host IP, with 0.0.0.0 colliding with every IP', () => {
    expect(filterAll(nodePorts(), s, makePod('q', { hostPorts: [{ hostPort: 53, protocol: 'TCP' }] }))['n2']).toBe('passed');
    expect(filterAll(nodePorts(), s, makePod('q', { hostPorts: [{ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.3' }] }))['n2']).toBe('passed');
    expect(filterAll(nodePorts(), s, makePod('q', { hostPorts: [{ hostPort: 53, protocol: 'UDP' }] }))['n2']).toBe(`Unschedulable: ${ERR_REASON_NODE_PORTS}`);
  });
});

describe('TaintToleration filter', () => {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }));
  s.upsertNode(makeNode('gpu', { taints: [{ key: 'gpu', value: 'true', effect: 'NoExecute' }, { key: 'x', value: 'y', effect: 'PreferNoSchedule' }] }));
  s.upsertNode(makeNode('soft', { taints: [{ key: 'x', value: 'y', effect: 'PreferNoSchedule' }] }));

  it('should reject untolerated NoSchedule/NoExecute taints with the upstream message and ignore PreferNoSchedule', () => {
    expect(filterAll(taintToleration(), s, makePod('p'))).toEqual({
      cp: `UnschedulableAndUnresolvable: ${untoleratedTaintReason('node-role.kubernetes.io/control-plane', '')}`,
      gpu: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {gpu: true}',
      soft: 'passed',
    });
    expect(untoleratedTaintReason('node-role.kubernetes.io/control-plane', '')).toBe('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
  });

  it('should honour Equal (value must match) and Exists tolerations', () => {
    const equalWrong = makePod('p', { spec: { tolerations: [{ key: 'gpu', operator: 'Equal', value: 'false', effect: 'NoExecute' }] } });
    expect(filterAll(taintToleration(), s, equalWrong)['gpu']).not.toBe('passed');
    const exists = makePod('p', { spec: { tolerations: [{ operator: 'Exists' }] } });
    expect(filterAll(taintToleration(), s, exists)).toEqual({ cp: 'passed', gpu: 'passed', soft: 'passed' });
  });
});
