import { isDeepStrictEqual } from 'node:util';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import { objectKey } from '../../api/meta.ts';
import { isAlreadyExists, isNotFound } from '../../api/status.ts';
import { computeEndpointSubsets, OVER_CAPACITY_ANNOTATION } from '../../networking/endpointSubsets.ts';
import { hasSelector, HEADLESS_SERVICE_LABEL, selectsPod } from '../../networking/podEndpoints.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import { servicePodSource } from './servicePodSource.ts';

/** The labels an Endpoints object carries: the Service's, plus the headless marker. */
export function endpointsLabels(svc: Service): Record<string, string> {
  return { ...(svc.metadata?.labels ?? {}), ...(svc.spec?.clusterIP === 'None' ? { [HEADLESS_SERVICE_LABEL]: '' } : {}) };
}

/**
 * The Endpoints controller (kube-controller-manager `endpoint`): for every Service with a selector it
 * keeps an Endpoints object of the same name with the selected pods' addresses (ready ones in
 * `addresses`, the others in `notReadyAddresses`, `publishNotReadyAddresses` honoured), each with
 * its targetRef, nodeName and — for pods whose subdomain is the Service — hostname; ports resolved
 * per pod from `targetPort`. It writes only on change, leaves the Endpoints of selector-less Services
 * alone (the `kubernetes` Service, hand-made ones) and deletes the Endpoints of a deleted Service.
 * @public
 */
export function endpointsController(): ControllerDefinition {
  return defineController({
    name: 'endpoints',
    for: 'Service',
    // A hand-edited Endpoints of a selector Service is put back.
    watches: [{ type: 'Endpoints', map: (ep) => [objectKey(ep)] }],
    sources: servicePodSource,
    async reconcile(req, ctx) {
      const ns = req.namespace ?? 'default';
      const svc = ctx.lister<Service>('Service').get(ns, req.name);
      if (svc === undefined) {
        try {
          await ctx.client.delete('Endpoints', req.name, { namespace: ns });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        return {};
      }
      if (!hasSelector(svc) || svc.metadata?.deletionTimestamp != null) return {};
      const pods = ctx.lister<Pod>('Pod').list({ namespace: ns }).filter((p) => selectsPod(svc, p));
      const { subsets, truncated } = computeEndpointSubsets(svc, pods);
      const labels = endpointsLabels(svc);
      const current = ctx.lister<Endpoints>('Endpoints').get(ns, req.name);
      const annotations = { ...(current?.metadata?.annotations ?? {}) };
      if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
      else delete annotations[OVER_CAPACITY_ANNOTATION];
      const body = (base: Endpoints): Endpoints => {
        const { annotations: _a, ...meta } = base.metadata ?? {};
        return {
          ...base,
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { ...meta, name: req.name, namespace: ns, labels, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
          ...(subsets.length > 0 ? { subsets } : {}),
        };
      };
      if (current === undefined) {
        try {
          await ctx.client.create(body({ metadata: {} }));
        } catch (e) {
          // The cache had not seen it yet: the watch event will bring us back.
          if (!isAlreadyExists(e)) throw e;
        }
        return {};
      }
      const same = isDeepStrictEqual(current.subsets ?? [], subsets) && isDeepStrictEqual(current.metadata?.labels ?? {}, labels) && isDeepStrictEqual(current.metadata?.annotations ?? {}, annotations);
      if (same) return {};
      const { subsets: _old, ...rest } = current;
      await ctx.client.update(body({ ...rest, metadata: { ...(current.metadata ?? {}) } }));
      return {};
    },
  });
}
