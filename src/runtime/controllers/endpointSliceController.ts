import type { Node, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { objectKey } from '../../api/meta.ts';
import { hasSelector, HEADLESS_SERVICE_LABEL, podEndpoint, podEndpointPorts, selectsPod, shouldPodBeInEndpoints, slicePorts } from '../../networking/podEndpoints.ts';
import { DEFAULT_MAX_ENDPOINTS_PER_SLICE, ENDPOINTSLICE_CONTROLLER_NAME, groupEndpoints, MANAGED_BY_LABEL, planSlices, SERVICE_NAME_LABEL } from '../../networking/slicePlan.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import { applySlicePlan } from './applySlicePlan.ts';
import { servicePodSource } from './servicePodSource.ts';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** Upstream `endpointSliceChangeMinSyncDelay`. */
const ENDPOINTSLICE_CHANGE_MIN_SYNC_DELAY_MS = 1_000;

/** The slices of `service` managed by `manager`, from a slice list. */
export function slicesOf(slices: readonly EndpointSlice[], service: string, manager: string): EndpointSlice[] {
  return slices.filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === service && s.metadata.labels[MANAGED_BY_LABEL] === manager);
}

/** Options of {@link endpointSliceController}. */
export interface EndpointSliceControllerOptions {
  /** `--max-endpoints-per-slice` (default 100). */
  readonly maxEndpointsPerSlice?: number;
}

/**
 * The EndpointSlice controller (kube-controller-manager `endpointslice`): for every Service with a
 * selector, `discovery.k8s.io/v1` EndpointSlices labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`, owned by the Service,
 * one endpoint per selected pod with an IP (terminating pods included) with conditions
 * ready/serving/terminating, targetRef, nodeName, zone and hostname; endpoints grouped by the ports
 * they resolve, at most 100 per slice; an empty placeholder slice when there are none. Slices of a
 * deleted or selector-less Service are deleted.
 * @public
 */
export function endpointSliceController(options: EndpointSliceControllerOptions = {}): ControllerDefinition {
  const max = options.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  return defineController({
    name: 'endpointslice',
    for: 'Service',
    sources: (src) => {
      const stopPods = servicePodSource(src);
      // Upstream queueServiceForEndpointSlice: a change to a managed slice syncs its Service no sooner
      // than endpointSliceChangeMinSyncDelay (1 s). Right away, a Service deleted a moment ago but still
      // in the cache would livelock with the garbage collector: each slice it deletes (its owner is
      // gone) makes the controller create the next one, faster than the Service watch catches up.
      const onSlice = (s: EndpointSlice): void => {
        const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
        if (svc !== undefined && s.metadata?.labels?.[MANAGED_BY_LABEL] === ENDPOINTSLICE_CONTROLLER_NAME) src.enqueueAfter(objectKey({ metadata: { namespace: s.metadata.namespace, name: svc } }), ENDPOINTSLICE_CHANGE_MIN_SYNC_DELAY_MS);
      };
      const stopSlices = src.informers.informerFor<EndpointSlice>('EndpointSlice').addEventHandler({ onAdd: onSlice, onUpdate: (old, cur) => (onSlice(old), onSlice(cur)), onDelete: onSlice });
      return () => {
        stopPods();
        stopSlices();
      };
    },
    async reconcile(req, ctx) {
      const ns = req.namespace ?? 'default';
      const svc = ctx.lister<Service>('Service').get(ns, req.name);
      const existing = slicesOf(ctx.lister<EndpointSlice>('EndpointSlice').list({ namespace: ns }), req.name, ENDPOINTSLICE_CONTROLLER_NAME);
      if (svc === undefined || !hasSelector(svc)) {
        await applySlicePlan(ctx, { create: [], update: [], delete: existing });
        return {};
      }
      if (svc.metadata?.deletionTimestamp != null) return {};
      const nodes = ctx.lister<Node>('Node');
      const items = ctx
        .lister<Pod>('Pod')
        .list({ namespace: ns })
        .filter((p) => selectsPod(svc, p) && shouldPodBeInEndpoints(p, true))
        .map((p) => {
          const zone = p.spec?.nodeName ? nodes.get(undefined, p.spec.nodeName)?.metadata?.labels?.[ZONE_LABEL] : undefined;
          return { ports: slicePorts(podEndpointPorts(svc, p)), endpoint: podEndpoint(svc, p, zone) };
        });
      const { [SERVICE_NAME_LABEL]: _n, [MANAGED_BY_LABEL]: _m, ...svcLabels } = svc.metadata?.labels ?? {};
      const labels = {
        ...svcLabels,
        [SERVICE_NAME_LABEL]: req.name,
        [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER_NAME,
        ...(svc.spec?.clusterIP === 'None' ? { [HEADLESS_SERVICE_LABEL]: '' } : {}),
      };
      const owner = { apiVersion: 'v1', kind: 'Service', name: req.name, uid: svc.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
      const plan = planSlices(groupEndpoints(items), existing, { namespace: ns, generateName: `${req.name}-`, labels, ownerReferences: [owner] }, { maxPerSlice: max });
      await applySlicePlan(ctx, plan);
      return {};
    },
  });
}
