// VolumeRestrictions (upstream plugins/volumerestrictions): in-tree disks that one node may mount
// only once (GCE PD, AWS EBS, RBD, iSCSI, unless every mount is read-only where allowed) and
// ReadWriteOncePod claims, usable by a single pod in the whole cluster.
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { ACTION } from '../clusterEvents.ts';
import type { Plugin } from '../framework.ts';
import { skip, unresolvable, unschedulable } from '../status.ts';

/** The plugin name. */
export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';
/** The reason for a disk already mounted on the node. */
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
/** The reason for a ReadWriteOncePod claim already in use. */
export const ERR_REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const STATE_KEY = 'PreFilterVolumeRestrictions';

/** Whether a volume is of a kind that can conflict (upstream `needsRestrictionsCheck`). */
export function needsRestrictionsCheck(v: Volume): boolean {
  return v.gcePersistentDisk !== undefined || v.awsElasticBlockStore !== undefined || v.rbd !== undefined || v.iscsi !== undefined;
}

/**
 * Whether `volume` conflicts with a volume of `existing` (upstream `isVolumeConflict`): the same GCE
 * PD name or iSCSI IQN unless both read-only; the same EBS volume ID always; the same RBD image
 * (overlapping monitors, same pool, same image) unless both read-only.
 */
export function isVolumeConflict(volume: Volume, existing: Pod): boolean {
  for (const ev of existing.spec?.volumes ?? []) {
    const [a, b] = [volume.gcePersistentDisk, ev.gcePersistentDisk];
    if (a !== undefined && b !== undefined && a.pdName === b.pdName && !(a.readOnly === true && b.readOnly === true)) return true;
    const [e1, e2] = [volume.awsElasticBlockStore, ev.awsElasticBlockStore];
    if (e1 !== undefined && e2 !== undefined && e1.volumeID === e2.volumeID) return true;
    const [i1, i2] = [volume.iscsi, ev.iscsi];
    if (i1 !== undefined && i2 !== undefined && i1.iqn === i2.iqn && !(i1.readOnly === true && i2.readOnly === true)) return true;
    const [r1, r2] = [volume.rbd, ev.rbd];
    if (r1 !== undefined && r2 !== undefined) {
      const overlap = r1.monitors.some((m) => r2.monitors.includes(m));
      // The API defaults the pool to "rbd".
      const samePool = (r1.pool ?? 'rbd') === (r2.pool ?? 'rbd');
      if (overlap && samePool && r1.image === r2.image && !(r1.readOnly === true && r2.readOnly === true)) return true;
    }
  }
  return false;
}

/** Creates the VolumeRestrictions plugin (claims are read through the snapshot's `persistentVolumeClaim` lookup). */
export function volumeRestrictions(): Plugin {
  return {
    name: VOLUME_RESTRICTIONS,
    events: [
      { resource: 'Pod', actionType: ACTION.Delete },
      { resource: 'Node', actionType: ACTION.Add | ACTION.UpdateNodeTaint },
      { resource: 'PersistentVolumeClaim', actionType: ACTION.Add | ACTION.Update },
    ],
    preFilter(ctx, pod) {
      const volumes = pod.spec?.volumes ?? [];
      const needsCheck = volumes.some(needsRestrictionsCheck);
      const lookup = ctx.snapshot.lookups.persistentVolumeClaim;
      const ns = pod.metadata?.namespace ?? '';
      let conflicts = 0;
      if (lookup !== undefined) {
        for (const v of volumes) {
          if (v.persistentVolumeClaim === undefined) continue;
          const name = v.persistentVolumeClaim.claimName;
          const pvc = lookup(ns, name);
          if (pvc === undefined) return unresolvable(`persistentvolumeclaim "${name}" not found`);
          if (!(pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) continue;
          if (ctx.snapshot.isPVCUsedByPods(`${ns}/${name}`)) conflicts++;
        }
      }
      if (!needsCheck && conflicts === 0) return skip();
      ctx.state.set(STATE_KEY, conflicts);
      return undefined;
    },
    filter(ctx, pod, nodeInfo) {
      for (const v of pod.spec?.volumes ?? []) {
        if (!needsRestrictionsCheck(v)) continue;
        for (const pi of nodeInfo.pods.values()) if (isVolumeConflict(v, pi.pod)) return unschedulable(ERR_REASON_DISK_CONFLICT);
      }
      const conflicts = (ctx.state.get(STATE_KEY) as number | undefined) ?? 0;
      return conflicts > 0 ? unschedulable(ERR_REASON_RWOP_CONFLICT) : undefined;
    },
  };
}
