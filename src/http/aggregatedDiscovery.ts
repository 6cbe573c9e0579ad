import type { ResourceRegistry } from '../api/resourceRegistry.ts';
import { groupVersions, resourcesOf, servedSubresources } from './discovery.ts';
import { parseMediaRanges } from './mediaTypes.ts';

/** The aggregated discovery versions this server writes (client-go asks for v2, then v2beta1). */
export type AggregatedDiscoveryVersion = 'v2' | 'v2beta1';

/**
 * The aggregated discovery version an `Accept` header asks for
 * (`application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`), or undefined when the
 * client wants the legacy documents (a plain `application/json` listed first, or nothing matching).
 */
export function wantsAggregated(accept: string | undefined): AggregatedDiscoveryVersion | undefined {
  for (const m of parseMediaRanges(accept)) {
    if (m.type === 'application/json' && m.params['g'] === 'apidiscovery.k8s.io' && m.params['as'] === 'APIGroupDiscoveryList') {
      if (m.params['v'] === 'v2' || m.params['v'] === 'v2beta1') return m.params['v'];
      continue;
    }
    if (m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*') return undefined;
  }
  return undefined;
}

/** The Content-Type of an aggregated discovery answer. */
export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

function groupDiscovery(registry: ResourceRegistry, group: string, versions: readonly string[]): Record<string, unknown> {
  return {
    metadata: group === '' ? { creationTimestamp: null } : { name: group, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourcesOf(registry, group, version).map((r) => {
        const subresources = servedSubresources(r).map((s) => ({
          subresource: s.name,
          responseKind: { group: s.group, version: s.version, kind: s.kind },
          verbs: [...s.verbs],
        }));
        return {
          resource: r.plural,
          responseKind: { group: r.group, version: r.version, kind: r.kind },
          scope: r.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: r.singular,
          verbs: [...r.verbs],
          ...(r.shortNames.length > 0 ? { shortNames: [...r.shortNames] } : {}),
          ...(r.categories.length > 0 ? { categories: [...r.categories] } : {}),
          ...(subresources.length > 0 ? { subresources } : {}),
        };
      }),
      freshness: 'Current',
    })),
  };
}

/**
 * An `APIGroupDiscoveryList`: for `/api` the core group alone, for `/apis` every named group, each
 * with every version, resource and subresource (one request instead of one per group version).
 */
export function aggregatedDiscovery(registry: ResourceRegistry, scope: 'api' | 'apis', version: AggregatedDiscoveryVersion): Record<string, unknown> {
  const items: Record<string, unknown>[] = [];
  for (const [group, versions] of groupVersions(registry)) {
    if ((group === '') === (scope === 'api')) items.push(groupDiscovery(registry, group, versions));
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
