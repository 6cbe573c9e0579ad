import { produce } from 'immer';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';

/** `SetDefaults_EndpointPort` (discovery/v1): name `""`, protocol TCP. */
export function defaultEndpointSlice(obj: EndpointSlice): EndpointSlice {
  return produce(obj, (d) => {
    for (const p of d.ports ?? []) {
      if (p.name == null) p.name = '';
      if (!p.protocol) p.protocol = 'TCP';
    }
  });
}

/** `SetDefaults_NetworkPolicy`: policyTypes [Ingress] (+Egress with egress rules); ports protocol TCP. */
export function defaultNetworkPolicy(obj: NetworkPolicy): NetworkPolicy {
  return produce(obj, (d) => {
    const spec = (d.spec ??= { podSelector: {} });
    if ((spec.policyTypes ?? []).length === 0) {
      spec.policyTypes = (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
    }
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
      for (const p of rule.ports ?? []) {
        if (!p.protocol) p.protocol = 'TCP';
      }
    }
  });
}
