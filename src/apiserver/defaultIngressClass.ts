import { produce } from 'immer';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { defaultIngressClass, LEGACY_INGRESS_CLASS_ANNOTATION } from '../networking/ingressRouting.ts';
import type { Store } from '../store/storeTypes.ts';
import type { AdmissionPlugin } from './admission.ts';

/**
 * The DefaultIngressClass admission plugin: an Ingress created without `spec.ingressClassName` (and
 * without the legacy `kubernetes.io/ingress.class` annotation) gets the IngressClass annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"` — the newest one when several are.
 * @public
 */
export function defaultIngressClassPlugin(store: Store): AdmissionPlugin {
  return {
    name: 'DefaultIngressClass',
    mutate(req): KubeObject | undefined {
      if (req.operation !== 'CREATE' || req.resource.group !== 'networking.k8s.io' || req.resource.kind !== 'Ingress' || req.subresource !== undefined) return undefined;
      const ing = req.object as Ingress;
      if (ing.spec?.ingressClassName || ing.metadata?.annotations?.[LEGACY_INGRESS_CLASS_ANNOTATION]) return undefined;
      const cls = defaultIngressClass(store.list('networking.k8s.io/ingressclasses').items as IngressClass[]);
      const name = cls?.metadata?.name;
      if (name === undefined) return undefined;
      return produce(ing, (d) => {
        (d.spec ??= {}).ingressClassName = name;
      });
    },
  };
}
