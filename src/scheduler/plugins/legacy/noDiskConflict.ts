// Legacy predicate NoDiskConflict (seeds 20.4): a GCE PD / AWS EBS (and, as later versions, RBD and
// iSCSI) volume already mounted by a pod on the node makes it unfit, with the read-only exceptions.
import type { Plugin } from '../../framework.ts';
import { unschedulable } from '../../status.ts';
import { isVolumeConflict } from '../volumeRestrictions.ts';

/** The plugin name. */
export const NO_DISK_CONFLICT = 'NoDiskConflict';

/** Creates the NoDiskConflict predicate. */
export function noDiskConflict(): Plugin {
  return {
    name: NO_DISK_CONFLICT,
    filter(_ctx, pod, ni) {
      for (const v of pod.spec?.volumes ?? []) {
        for (const pi of ni.pods.values()) if (isVolumeConflict(v, pi.pod)) return unschedulable('node(s) had no available disk');
      }
      return undefined;
    },
  };
}
