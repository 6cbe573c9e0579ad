/** The verbs a resource can serve. */
export type Verb = 'create' | 'get' | 'list' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'watch';

/**
 * What kube-apiserver knows about one resource type: the row of `kubectl api-resources`, plus
 * subresources and verbs.
 * @public
 */
export interface ResourceInfo {
  /** API group; `''` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Lowercase plural, the URL segment (`pods`, `deployments`). */
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  /** Subresources served (`status`, `scale`, `binding`, `eviction`, `log`). */
  readonly subresources: readonly string[];
  readonly verbs: readonly Verb[];
  /** `kubectl get all` membership and similar. */
  readonly categories: readonly string[];
  /** Kinds that only exist as a request body (Binding, Eviction, reviews) are not stored. */
  readonly stored: boolean;
  /** Extra `kubectl get` columns of a custom resource (CRD `additionalPrinterColumns`). */
  readonly printerColumns?: readonly { readonly name: string; readonly type: string; readonly jsonPath: string; readonly description?: string; readonly priority?: number; readonly format?: string }[];
}

/** `apps/v1` or `v1` for the core group. */
export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** `deployments.apps` or `pods`: the group-qualified resource used in messages. */
export function groupResource(info: Pick<ResourceInfo, 'group' | 'plural'>): string {
  return info.group === '' ? info.plural : `${info.plural}.${info.group}`;
}

/** Splits `apps/v1` into group and version (`v1` → core group). */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
