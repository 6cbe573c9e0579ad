import type { Subscription } from 'rxjs';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import type { ApiServer } from './apiServer.ts';
import { rfc3339 } from './timestamps.ts';

const CRD_REF = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' } as const;

/** The resources a CRD serves, one per served version. */
export function resourcesOfCrd(crd: CustomResourceDefinition): ResourceInfo[] {
  const { group, names, scope, versions } = crd.spec;
  return versions
    .filter((v) => v.served)
    .map((v) =>
      Object.freeze({
        group,
        version: v.name,
        kind: names.kind,
        plural: names.plural,
        singular: names.singular ?? names.kind.toLowerCase(),
        shortNames: Object.freeze([...(names.shortNames ?? [])]),
        namespaced: scope === 'Namespaced',
        subresources: Object.freeze([...(v.subresources?.status ? ['status'] : []), ...(v.subresources?.scale ? ['scale'] : [])]),
        verbs: Object.freeze(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const),
        categories: Object.freeze([...(names.categories ?? [])]),
        stored: true,
        ...(v.additionalPrinterColumns !== undefined ? { printerColumns: Object.freeze(v.additionalPrinterColumns.map((c) => ({ ...c }))) } : {}),
      }),
    );
}

/**
 * The apiextensions part of kube-apiserver: a CustomResourceDefinition written through the API
 * registers its resources and gets the `NamesAccepted` and `Established` conditions; deleting it
 * unregisters them.
 * @internal
 */
export function startCrdRegistrar(api: ApiServer): Subscription {
  return api.watch<CustomResourceDefinition>(CRD_REF).subscribe((e) => {
    const crd = e.object;
    if (e.type === 'DELETED') {
      api.registry.remove(crd.spec.group, crd.spec.names.plural);
      return;
    }
    if (e.type === 'BOOKMARK') return;
    for (const info of resourcesOfCrd(crd)) api.registry.add(info);
    const established = crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    if (established === true) return;
    const now = rfc3339(api.clock.now());
    api.update<CustomResourceDefinition>(
      {
        ...crd,
        status: {
          acceptedNames: crd.spec.names,
          storedVersions: crd.spec.versions.filter((v) => v.storage).map((v) => v.name),
          conditions: [
            { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: now },
            { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: now },
          ],
        },
      },
      { subresource: 'status' },
    );
  });
}
