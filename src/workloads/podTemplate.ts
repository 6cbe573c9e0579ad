import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../api/meta.ts';

/** Upstream `metav1.NewControllerRef`: `controller: true, blockOwnerDeletion: true`. */
export function controllerRefTo(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/**
 * Upstream `controller.GetPodFromTemplate`: a pod named `<owner>-<suffix>` (generateName), with the
 * template's labels, annotations, finalizers and spec, controlled by `controllerRef`.
 */
export function podFromTemplate(template: PodTemplateSpec, ownerName: string, namespace: string | undefined, controllerRef?: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ownerName}-`,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(meta.labels !== undefined ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations !== undefined ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers !== undefined ? { finalizers: [...meta.finalizers] } : {}),
      ...(controllerRef !== undefined ? { ownerReferences: [controllerRef] } : {}),
    },
    spec: structuredClone(template.spec ?? { containers: [] }),
  };
  return pod;
}
