import { isDeepStrictEqual } from 'node:util';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { compareIPs } from './podEndpoints.ts';

/** Label naming the Service an EndpointSlice belongs to. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Label naming the controller that manages an EndpointSlice. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** `managed-by` value of the EndpointSlice controller. */
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** `managed-by` value of the EndpointSlice mirroring controller. */
export const ENDPOINTSLICE_MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
/** Default `--max-endpoints-per-slice`. */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

/** A group of endpoints that offer the same ports. */
export interface EndpointGroup {
  readonly ports: readonly EndpointPort[];
  readonly endpoints: readonly Endpoint[];
}

/** What every slice of one owner carries. */
export interface SliceTemplate {
  readonly namespace: string;
  readonly generateName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerReference[];
}

/** The writes that bring an owner's slices to the desired state. */
export interface SlicePlan {
  readonly create: EndpointSlice[];
  readonly update: EndpointSlice[];
  readonly delete: EndpointSlice[];
}

const portsKey = (ports: readonly EndpointPort[] | undefined): string =>
  JSON.stringify([...(ports ?? [])].map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? 'TCP', p.appProtocol ?? '']).sort());

const endpointOrder = (a: Endpoint, b: Endpoint): number => compareIPs(a.addresses[0] ?? '', b.addresses[0] ?? '') || ((a.targetRef?.name ?? '') < (b.targetRef?.name ?? '') ? -1 : 1);

/**
 * Plans an owner's EndpointSlices: endpoints are grouped by the ports they offer, sorted by address
 * and packed into slices of at most `maxPerSlice`; existing slices with the same ports are reused in
 * name order (written only when they differ), new ones are created with `generateName`, the rest
 * deleted. With no endpoints at all one empty placeholder slice is kept (unless `placeholder` is
 * false), as upstream's EndpointSlice controller does.
 * Simpler than upstream's churn-minimising reconciler: slices are repacked in address order.
 * @public
 */
export function planSlices(groups: readonly EndpointGroup[], existing: readonly EndpointSlice[], template: SliceTemplate, options: { readonly maxPerSlice?: number; readonly placeholder?: boolean } = {}): SlicePlan {
  const maxPerSlice = options.maxPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  const wanted: { ports: EndpointPort[]; endpoints: Endpoint[] }[] = [];
  for (const g of groups) {
    const sorted = [...g.endpoints].sort(endpointOrder);
    for (let i = 0; i < sorted.length; i += maxPerSlice) wanted.push({ ports: [...g.ports], endpoints: sorted.slice(i, i + maxPerSlice) });
  }
  if (wanted.length === 0 && options.placeholder !== false) wanted.push({ ports: [], endpoints: [] });
  const pool = new Map<string, EndpointSlice[]>();
  for (const s of [...existing].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))) {
    const k = portsKey(s.ports);
    pool.set(k, [...(pool.get(k) ?? []), s]);
  }
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const annotations = template.annotations !== undefined && Object.keys(template.annotations).length > 0 ? { annotations: { ...template.annotations } } : {};
  for (const w of wanted) {
    const body = {
      addressType: 'IPv4',
      endpoints: w.endpoints,
      ...(w.ports.length > 0 ? { ports: w.ports } : {}),
    };
    const reuse = pool.get(portsKey(w.ports))?.shift();
    if (reuse === undefined) {
      plan.create.push({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: template.generateName, namespace: template.namespace, labels: { ...template.labels }, ...annotations, ownerReferences: [...template.ownerReferences] },
        ...body,
      });
      continue;
    }
    const same =
      isDeepStrictEqual(reuse.endpoints ?? [], body.endpoints) &&
      isDeepStrictEqual(reuse.ports ?? [], body.ports ?? []) &&
      isDeepStrictEqual(reuse.metadata?.labels ?? {}, template.labels) &&
      isDeepStrictEqual(reuse.metadata?.annotations ?? {}, template.annotations ?? {}) &&
      isDeepStrictEqual(reuse.metadata?.ownerReferences ?? [], template.ownerReferences);
    if (same) continue;
    const { ports: _p, endpoints: _e, ...rest } = reuse;
    const { annotations: _a, ...meta } = reuse.metadata ?? {};
    plan.update.push({ ...rest, metadata: { ...meta, labels: { ...template.labels }, ...annotations, ownerReferences: [...template.ownerReferences] }, ...body });
  }
  for (const left of pool.values()) plan.delete.push(...left);
  return plan;
}

/** Groups endpoints by their ports (a pod whose named port is missing lands in another group). */
export function groupEndpoints(items: readonly { readonly ports: readonly EndpointPort[]; readonly endpoint: Endpoint }[]): EndpointGroup[] {
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const it of items) {
    const k = portsKey(it.ports);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = { ports: [...it.ports], endpoints: [] }));
    g.endpoints.push(it.endpoint);
  }
  return [...groups.values()];
}
