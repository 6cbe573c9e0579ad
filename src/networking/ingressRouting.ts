import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1.js';

/** Annotation that makes an IngressClass the default. */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** The deprecated class annotation on an Ingress (before `spec.ingressClassName`). */
export const LEGACY_INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** The `spec.controller` of the simulator's ingress controller (ingress-nginx's name). */
export const INGRESS_CONTROLLER_NAME = 'k8s.io/ingress-nginx';

/** A matched route: the Ingress, the backend and what matched. */
export interface IngressMatch {
  readonly ingress: Ingress;
  readonly backend: IngressBackend;
  /** The rule's path, or undefined for the default backend. */
  readonly path: string | undefined;
  readonly pathType: string | undefined;
}

/** How a rule host matches a request host: exactly, by a `*.` wildcard (one label), or not. */
export function matchHost(ruleHost: string | undefined, host: string): 'exact' | 'wildcard' | 'any' | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  if (!ruleHost) return 'any';
  const r = ruleHost.toLowerCase();
  if (r === h) return 'exact';
  if (r.startsWith('*.')) {
    const rest = r.slice(1);
    if (h.endsWith(rest) && !h.slice(0, -rest.length).includes('.') && h.length > rest.length) return 'wildcard';
  }
  return undefined;
}

const elements = (p: string): string[] => p.split('/').filter((x) => x !== '');

/**
 * Whether `path` matches a rule path: `Exact` is string equality; `Prefix` (and
 * `ImplementationSpecific`, treated as Prefix here) compares `/`-separated elements, so `/foo`
 * matches `/foo`, `/foo/` and `/foo/bar` but not `/foobar`, and `/` matches everything.
 */
export function matchPath(pathType: string | undefined, rulePath: string | undefined, path: string): boolean {
  const rp = rulePath ?? '/';
  if (pathType === 'Exact') return rp === path;
  const want = elements(rp);
  const got = elements(path);
  return want.length <= got.length && want.every((e, i) => e === got[i]);
}

const HOST_RANK = { exact: 3, wildcard: 2, any: 1 } as const;

/**
 * Routes a request by host and path over a set of Ingresses (merged as ingress-nginx merges them):
 * the most specific host match wins (exact, then wildcard, then host-less rules); among its paths
 * the longest match wins and Exact beats Prefix on a tie; with no match, the default backend of
 * the oldest Ingress that has one; otherwise undefined (a 404 from the controller).
 * @public
 */
export function routeIngress(ingresses: readonly Ingress[], host: string, rawPath: string): IngressMatch | undefined {
  const path = (rawPath.split('?')[0] ?? '/') || '/';
  let best: { match: IngressMatch; score: [number, number, number] } | undefined;
  const ordered = [...ingresses].sort(byAge);
  for (const ing of ordered) {
    for (const rule of ing.spec?.rules ?? []) {
      const hm = matchHost(rule.host, host);
      if (hm === undefined) continue;
      for (const p of rule.http?.paths ?? []) {
        if (!matchPath(p.pathType, p.path, path)) continue;
        const score: [number, number, number] = [HOST_RANK[hm], (p.path ?? '/').length, p.pathType === 'Exact' ? 1 : 0];
        if (best === undefined || compareScore(score, best.score) > 0) best = { match: { ingress: ing, backend: p.backend, path: p.path ?? '/', pathType: p.pathType }, score };
      }
    }
  }
  if (best !== undefined) return best.match;
  const fallback = ordered.find((i) => i.spec?.defaultBackend != null);
  return fallback?.spec?.defaultBackend ? { ingress: fallback, backend: fallback.spec.defaultBackend, path: undefined, pathType: undefined } : undefined;
}

function compareScore(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function byAge(a: { readonly metadata?: ObjectMeta | undefined }, b: { readonly metadata?: ObjectMeta | undefined }): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Whether the simulator's controller serves an Ingress: its `ingressClassName` (or legacy
 * annotation) names an IngressClass whose `spec.controller` is {@link INGRESS_CONTROLLER_NAME}, or
 * it names no class at all and `withoutClass` is set (ingress-nginx's `--watch-ingress-without-class`).
 * @public
 */
export function servesIngress(ing: Ingress, classes: readonly IngressClass[], withoutClass: boolean): boolean {
  const className = ing.spec?.ingressClassName ?? ing.metadata?.annotations?.[LEGACY_INGRESS_CLASS_ANNOTATION];
  if (!className) return withoutClass;
  const cls = classes.find((c) => c.metadata?.name === className);
  // The legacy annotation value `nginx` works without an IngressClass object, as ingress-nginx allows.
  if (cls === undefined) return ing.spec?.ingressClassName === undefined && className === 'nginx';
  return cls.spec?.controller === INGRESS_CONTROLLER_NAME;
}

/** The newest IngressClass marked default (upstream DefaultIngressClass admission since v1.28), if any. */
export function defaultIngressClass(classes: readonly IngressClass[]): IngressClass | undefined {
  const defaults = classes.filter((c) => c.metadata?.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] === 'true');
  return defaults.sort((a, b) => byAge(b, a))[0];
}
