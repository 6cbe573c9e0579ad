import { describe, it, expect } from 'vitest';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import { createClusterSnapshot, type ClusterLookups, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { createCycleContext } from '../cycleContext.ts';
import { makeNode, makePod } from '../fixtures.ts';
import { volumeRestrictions, isVolumeConflict, ERR_REASON_DISK_CONFLICT, ERR_REASON_RWOP_CONFLICT } from './volumeRestrictions.ts';

const withVolumes = (name: string, volumes: Volume[], nodeName?: string): Pod => makePod(name, { ...(nodeName === undefined ? {} : { nodeName }), spec: { volumes } });

function filter(s: ClusterSnapshot, pod: Pod): Record<string, string> {
  const plugin = volumeRestrictions();
  const ctx = createCycleContext({ schedulerName: 't', plugins: [{ plugin, weight: 1 }] }, s);
  const pre = plugin.preFilter?.(ctx, pod);
  if (pre?.code === 'Skip') return Object.fromEntries(s.nodeInfos().map((n) => [n.name, 'passed']));
  if (pre !== undefined && pre.code !== 'Success') return Object.fromEntries(s.nodeInfos().map((n) => [n.name, `${pre.code}: ${pre.reasons.join()}`]));
  return Object.fromEntries(s.nodeInfos().map((ni) => [ni.name, plugin.filter?.(ctx, pod, ni)?.reasons[0] ?? 'passed']));
}

describe('VolumeRestrictions', () => {
  it('should reject a node where the same EBS volume is mounted (seed 20.4)', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('node1'));
    s.upsertNode(makeNode('node2'));
    s.upsertPod(withVolumes('a', [{ name: 'v', awsElasticBlockStore: { volumeID: 'vol-1' } }], 'node1'));
    expect(filter(s, withVolumes('b', [{ name: 'v', awsElasticBlockStore: { volumeID: 'vol-1', readOnly: true } }]))).toEqual({ node1: ERR_REASON_DISK_CONFLICT, node2: 'passed' });
  });

  it('should allow a shared GCE PD, iSCSI or RBD volume only when every mount is read-only', () => {
    const existing = withVolumes('e', [
      { name: 'g', gcePersistentDisk: { pdName: 'pd', readOnly: true } },
      { name: 'i', iscsi: { iqn: 'iqn.x', lun: 0, targetPortal: 'p', readOnly: true } },
      { name: 'r', rbd: { monitors: ['m1', 'm2'], image: 'img', readOnly: true } },
    ]);
    expect(isVolumeConflict({ name: 'g', gcePersistentDisk: { pdName: 'pd', readOnly: true } }, existing)).toBe(false);
    expect(isVolumeConflict({ name: 'g', gcePersistentDisk: { pdName: 'pd' } }, existing)).toBe(true);
    expect(isVolumeConflict({ name: 'g', gcePersistentDisk: { pdName: 'other' } }, existing)).toBe(false);
    expect(isVolumeConflict({ name: 'i', iscsi: { iqn: 'iqn.x', lun: 1, targetPortal: 'q' } }, existing)).toBe(true);
    expect(isVolumeConflict({ name: 'r', rbd: { monitors: ['m2'], image: 'img', pool: 'rbd' } }, existing)).toBe(true);
    expect(isVolumeConflict({ name: 'r', rbd: { monitors: ['m3'], image: 'img' } }, existing)).toBe(false);
    expect(isVolumeConflict({ name: 'r', rbd: { monitors: ['m1'], image: 'img', pool: 'other' } }, existing)).toBe(false);
  });

  it('should reject every node while a ReadWriteOncePod claim is in use, and fail fast on a missing claim', () => {
    const claims: Record<string, PersistentVolumeClaim> = {
      rwop: { metadata: { name: 'rwop', namespace: 'default' }, spec: { accessModes: ['ReadWriteOncePod'] } },
      rwo: { metadata: { name: 'rwo', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'] } },
    };
    const lookups: ClusterLookups = { persistentVolumeClaim: (_ns, name) => claims[name] };
    const s = createClusterSnapshot(lookups);
    s.upsertNode(makeNode('n1'));
    s.upsertNode(makeNode('n2'));
    const claim = (n: string): Volume => ({ name: 'data', persistentVolumeClaim: { claimName: n } });
    expect(filter(s, withVolumes('b', [claim('rwop')]))).toEqual({ n1: 'passed', n2: 'passed' });
    s.upsertPod(withVolumes('a', [claim('rwop'), claim('rwo')], 'n1'));
    expect(filter(s, withVolumes('b', [claim('rwop')]))).toEqual({ n1: ERR_REASON_RWOP_CONFLICT, n2: ERR_REASON_RWOP_CONFLICT });
    expect(filter(s, withVolumes('b', [claim('rwo')]))).toEqual({ n1: 'passed', n2: 'passed' });
    expect(filter(s, withVolumes('b', [claim('nope')]))['n1']).toBe('UnschedulableAndUnresolvable: persistentvolumeclaim "nope" not found');
  });
});
