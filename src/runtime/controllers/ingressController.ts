import { isDeepStrictEqual } from 'node:util';
import type { Secret } from 'kubernetes-types/core/v1.js';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import { objectKey } from '../../api/meta.ts';
import { isNotFound } from '../../api/status.ts';
import { servesIngress } from '../../networking/ingressRouting.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';

/** Options of {@link ingressController}. */
export interface IngressControllerOptions {
  /** The controller's address, written to `status.loadBalancer.ingress[].ip` of the Ingresses it serves. */
  readonly address: string;
  /** Serve Ingresses that name no class (ingress-nginx `--watch-ingress-without-class`; default true). */
  readonly watchWithoutClass?: boolean;
  /** Called with the reload count each time the rendered configuration changes (`nginx -s reload`). */
  readonly onReload?: (reloads: number) => void;
}

const served = (ctx: ReconcileContext, withoutClass: boolean): Ingress[] => {
  const classes = ctx.lister<IngressClass>('IngressClass').list();
  return ctx.lister<Ingress>('Ingress').list().filter((i) => servesIngress(i, classes, withoutClass) && i.metadata?.deletionTimestamp == null);
};

// The part of the served Ingresses nginx.conf is rendered from.
const renderConfig = (ingresses: readonly Ingress[]): string =>
  JSON.stringify([...ingresses].sort((a, b) => objectKey(a).localeCompare(objectKey(b))).map((i) => [objectKey(i), i.spec?.defaultBackend ?? null, i.spec?.rules ?? [], i.spec?.tls ?? []]));

/**
 * The simulated ingress controller (ingress-nginx): it serves the Ingresses of its IngressClass
 * (controller `k8s.io/ingress-nginx`) and, by default, those without a class; re-renders its
 * configuration and counts a reload whenever the served rules change; writes its address to
 * `status.loadBalancer.ingress`; records `Sync` on every spec change and a Warning when a TLS
 * Secret is missing (the host is then served with the default certificate). Routing itself is
 * `routeIngress` (src/networking/ingressRouting.ts), used by the cluster network.
 * @public
 */
export function ingressController(options: IngressControllerOptions): ControllerDefinition {
  const withoutClass = options.watchWithoutClass ?? true;
  let rendered = JSON.stringify([]);
  let reloads = 0;
  const synced = new Map<string, number>();
  return defineController({
    name: 'nginx-ingress',
    for: 'Ingress',
    watches: [
      { type: 'IngressClass', map: (_c, ctx) => ctx.lister<Ingress>('Ingress').list().map(objectKey) },
      {
        type: 'Secret',
        map: (s, ctx) =>
          ctx
            .lister<Ingress>('Ingress')
            .list({ namespace: s.metadata?.namespace })
            .filter((i) => (i.spec?.tls ?? []).some((t) => t.secretName === s.metadata?.name))
            .map(objectKey),
      },
    ],
    async reconcile(req, ctx) {
      const config = renderConfig(served(ctx, withoutClass));
      if (config !== rendered) {
        rendered = config;
        reloads++;
        options.onReload?.(reloads);
      }
      const ns = req.namespace ?? 'default';
      const ing = ctx.lister<Ingress>('Ingress').get(ns, req.name);
      if (ing === undefined) {
        synced.delete(req.key);
        return {};
      }
      if (!servesIngress(ing, ctx.lister<IngressClass>('IngressClass').list(), withoutClass) || ing.metadata?.deletionTimestamp != null) return {};
      const generation = ing.metadata?.generation ?? 1;
      if (synced.get(req.key) !== generation) {
        synced.set(req.key, generation);
        await ctx.recorder.event(ing, 'Normal', 'Sync', 'Scheduled for sync');
        for (const tls of ing.spec?.tls ?? []) {
          if (!tls.secretName || ctx.lister<Secret>('Secret').get(ns, tls.secretName) !== undefined) continue;
          const hosts = (tls.hosts ?? []).join(', ');
          await ctx.recorder.event(ing, 'Warning', 'TLSSecretNotFound', `secret "${ns}/${tls.secretName}" not found; hosts [${hosts}] are served with the default certificate`);
        }
      }
      const want = { loadBalancer: { ingress: [{ ip: options.address }] } };
      if (isDeepStrictEqual(ing.status ?? {}, want)) return {};
      try {
        await ctx.client.updateStatus({ ...ing, status: want });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return {};
    },
  });
}
