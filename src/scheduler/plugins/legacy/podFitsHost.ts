// Legacy predicate PodFitsHost, registered as HostName (seeds 20.7): an empty `spec.nodeName` fits
// every node (the seed's "only equal names" is corrected per the v1.x source), else only that node.
import type { Plugin } from '../../framework.ts';
import { unresolvable } from '../../status.ts';

/** The plugin name. */
export const POD_FITS_HOST = 'PodFitsHost';

/** Creates the PodFitsHost predicate. */
export function podFitsHost(): Plugin {
  return {
    name: POD_FITS_HOST,
    filter(_ctx, pod, ni) {
      const wanted = pod.spec?.nodeName ?? '';
      return wanted === '' || wanted === ni.name ? undefined : unresolvable("node(s) didn't match the requested hostname");
    },
  };
}
