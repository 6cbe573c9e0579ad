import { isDeepStrictEqual } from 'node:util';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { objectKey } from '../../api/meta.ts';
import { selectsPod } from '../../networking/podEndpoints.ts';
import { isPodReady } from '../../workloads/podConditions.ts';
import type { ControllerSourceContext } from '../controller/defineController.ts';

// What of a pod can change an endpoint: upstream podEndpointsChanged plus labels (membership).
const endpointView = (p: Pod): unknown => [
  p.status?.podIP,
  p.status?.podIPs,
  p.status?.phase,
  isPodReady(p),
  p.metadata?.deletionTimestamp != null,
  p.spec?.nodeName,
  p.spec?.hostname,
  p.spec?.subdomain,
  (p.spec?.containers ?? []).map((c) => c.ports ?? []),
  (p.spec?.initContainers ?? []).map((c) => [c.restartPolicy, c.ports ?? []]),
];

/**
 * The pod half of the endpoint controllers' watches (upstream `getPodServiceMemberships`): a pod
 * event enqueues every Service of its namespace whose selector picks the pod before or after the
 * change, and only when something an endpoint shows changed.
 */
export function servicePodSource(src: ControllerSourceContext): () => void {
  const { informers, ctx } = src;
  const enqueueFor = (pods: readonly Pod[]): void => {
    const ns = pods[0]?.metadata?.namespace;
    for (const svc of ctx.lister<Service>('Service').list({ namespace: ns })) {
      if (pods.some((p) => selectsPod(svc, p))) src.enqueue(objectKey(svc));
    }
  };
  return informers.informerFor<Pod>('Pod').addEventHandler({
    onAdd: (p) => enqueueFor([p]),
    onUpdate: (old, cur) => {
      const labelsChanged = !isDeepStrictEqual(old.metadata?.labels ?? {}, cur.metadata?.labels ?? {});
      if (labelsChanged || !isDeepStrictEqual(endpointView(old), endpointView(cur))) enqueueFor(labelsChanged ? [old, cur] : [cur]);
    },
    onDelete: (p) => enqueueFor([p]),
  });
}
