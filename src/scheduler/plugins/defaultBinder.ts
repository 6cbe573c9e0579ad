// DefaultBinder (upstream plugins/defaultbinder): binds by creating a `Binding` for the pod.
import type { Binding } from 'kubernetes-types/core/v1.js';
import type { Plugin } from '../framework.ts';
import { SUCCESS } from '../status.ts';

/** The plugin name. */
export const DEFAULT_BINDER = 'DefaultBinder';

/** Creates the DefaultBinder plugin; its Bind returns the Binding to POST to `pods/{name}/binding`. */
export function defaultBinder(): Plugin {
  return {
    name: DEFAULT_BINDER,
    bind(_ctx, pod, nodeName) {
      const binding: Binding = {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? '', ...(pod.metadata?.uid === undefined ? {} : { uid: pod.metadata.uid }) },
        target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
      };
      return { status: SUCCESS, binding };
    },
  };
}
