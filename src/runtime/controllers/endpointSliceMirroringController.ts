import type { EndpointAddress, Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { objectKey } from '../../api/meta.ts';
import { ipv4ToInt } from '../../networking/ipAllocator.ts';
import { hasSelector } from '../../networking/podEndpoints.ts';
import { ENDPOINTSLICE_MIRRORING_CONTROLLER_NAME, groupEndpoints, MANAGED_BY_LABEL, planSlices, SERVICE_NAME_LABEL } from '../../networking/slicePlan.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import { applySlicePlan } from './applySlicePlan.ts';
import { slicesOf } from './endpointSliceController.ts';

/** Label that keeps an Endpoints object from being mirrored (the API server sets it on `kubernetes`). */
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';

const DROPPED_ANNOTATIONS = ['endpoints.kubernetes.io/last-change-trigger-time', 'kubectl.kubernetes.io/last-applied-configuration'];

function toEndpoint(a: EndpointAddress, ready: boolean): Endpoint {
  return {
    addresses: [a.ip],
    conditions: { ready },
    ...(a.hostname ? { hostname: a.hostname } : {}),
    ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    ...(a.targetRef ? { targetRef: a.targetRef } : {}),
  };
}

/**
 * The EndpointSlice mirroring controller (kube-controller-manager `endpointslicemirroring`): the
 * Endpoints of a Service without a selector — hand-made ones such as `external-service` → 1.1.1.1,
 * 2.2.2.2 — are mirrored into EndpointSlices managed by `endpointslicemirroring-controller.k8s.io`
 * and owned by the Endpoints, so that kube-proxy (which reads slices only) routes to them. Endpoints
 * labelled `endpointslice.kubernetes.io/skip-mirror: "true"` (the `kubernetes` Service's) and
 * addresses that are not IPv4 are skipped.
 * @public
 */
export function endpointSliceMirroringController(): ControllerDefinition {
  return defineController({
    name: 'endpointslicemirroring',
    for: 'Endpoints',
    watches: [
      { type: 'Service', map: (svc) => [objectKey(svc)] },
      {
        type: 'EndpointSlice',
        map: (s) => {
          const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
          return svc !== undefined && s.metadata?.labels?.[MANAGED_BY_LABEL] === ENDPOINTSLICE_MIRRORING_CONTROLLER_NAME ? [objectKey({ metadata: { namespace: s.metadata.namespace, name: svc } })] : [];
        },
      },
    ],
    async reconcile(req, ctx) {
      const ns = req.namespace ?? 'default';
      const ep = ctx.lister<Endpoints>('Endpoints').get(ns, req.name);
      const svc = ctx.lister<Service>('Service').get(ns, req.name);
      const existing = slicesOf(ctx.lister<EndpointSlice>('EndpointSlice').list({ namespace: ns }), req.name, ENDPOINTSLICE_MIRRORING_CONTROLLER_NAME);
      const mirror = ep !== undefined && svc !== undefined && !hasSelector(svc) && svc.spec?.type !== 'ExternalName' && ep.metadata?.labels?.[SKIP_MIRROR_LABEL] !== 'true' && ep.metadata?.deletionTimestamp == null;
      if (!mirror) {
        await applySlicePlan(ctx, { create: [], update: [], delete: existing });
        return {};
      }
      const items: { ports: EndpointPort[]; endpoint: Endpoint }[] = [];
      for (const subset of ep.subsets ?? []) {
        const ports = (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol != null ? { appProtocol: p.appProtocol } : {}) }));
        for (const a of subset.addresses ?? []) if (ipv4ToInt(a.ip) !== undefined) items.push({ ports, endpoint: toEndpoint(a, true) });
        for (const a of subset.notReadyAddresses ?? []) if (ipv4ToInt(a.ip) !== undefined) items.push({ ports, endpoint: toEndpoint(a, false) });
      }
      const { [SKIP_MIRROR_LABEL]: _s, ...epLabels } = ep.metadata?.labels ?? {};
      const labels = { ...epLabels, [SERVICE_NAME_LABEL]: req.name, [MANAGED_BY_LABEL]: ENDPOINTSLICE_MIRRORING_CONTROLLER_NAME };
      const annotations = Object.fromEntries(Object.entries(ep.metadata?.annotations ?? {}).filter(([k]) => !DROPPED_ANNOTATIONS.includes(k)));
      const owner = { apiVersion: 'v1', kind: 'Endpoints', name: req.name, uid: ep.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
      const plan = planSlices(groupEndpoints(items), existing, { namespace: ns, generateName: `${req.name}-`, labels, annotations, ownerReferences: [owner] }, { placeholder: false });
      await applySlicePlan(ctx, plan);
      return {};
    },
  });
}
