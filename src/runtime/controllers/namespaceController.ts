import type { Namespace } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../../api/status.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';

/** The finalizer kube-apiserver puts in a new Namespace's `spec.finalizers`. */
export const KUBERNETES_FINALIZER = 'kubernetes';

/** How long the namespace controller waits before looking again at content that is still being deleted. */
export const NAMESPACE_RECHECK_MS = 5_000;

/**
 * The namespace controller: when a Namespace is terminating it deletes everything in it, waits
 * until nothing is left (objects with finalizers or pods still shutting down take their time), then
 * removes the `kubernetes` finalizer through the finalize subresource so the Namespace goes.
 * @public
 */
export function namespaceController(): ControllerDefinition {
  return defineController({
    name: 'namespace',
    for: 'Namespace',
    async reconcile(req, ctx) {
      const ns = ctx.lister<Namespace>('Namespace').get(undefined, req.name);
      if (ns?.metadata?.deletionTimestamp === undefined) return {};
      if (!(ns.spec?.finalizers ?? []).includes(KUBERNETES_FINALIZER)) return {};
      let remaining = 0;
      for (const info of ctx.client.resources()) {
        if (!info.namespaced || !info.stored || !info.verbs.includes('deletecollection')) continue;
        const list = await ctx.client.list(info, { namespace: req.name });
        if (list.items.length === 0) continue;
        remaining += list.items.length;
        await ctx.client.deleteCollection(info, { namespace: req.name });
      }
      if (remaining > 0) {
        const left = await Promise.all(ctx.client.resources().filter((i) => i.namespaced && i.stored && i.verbs.includes('list')).map((i) => ctx.client.list(i, { namespace: req.name })));
        if (left.some((l) => l.items.length > 0)) return { requeueAfterMs: NAMESPACE_RECHECK_MS };
      }
      try {
        await ctx.client.finalizeNamespace(req.name, (ns.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return {};
    },
  });
}
