/** A request for a resource (`/api/v1/namespaces/ns/pods/name/status`), as kube-apiserver's RequestInfo. */
export interface ResourcePath {
  readonly kind: 'resource';
  readonly group: string;
  readonly version: string;
  readonly namespace: string | undefined;
  readonly resource: string;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  /** The deprecated `/watch/` path prefix was used. */
  readonly watchPrefix: boolean;
}

/** What a request path names. */
export type ApiPath =
  | { readonly kind: 'core-versions' }
  | { readonly kind: 'groups' }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'group-version'; readonly group: string; readonly version: string }
  | ResourcePath
  | { readonly kind: 'unknown' };

// Subresources of a namespace, which would otherwise read as a resource type inside the namespace.
const NAMESPACE_SUBRESOURCES: ReadonlySet<string> = new Set(['status', 'finalize']);

/**
 * Splits an API path into group, version, namespace, resource, name and subresource
 * (`/api/v1/...` for the core group, `/apis/<group>/<version>/...` for the others).
 */
export function parseApiPath(pathname: string): ApiPath {
  const parts = pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'core-versions' };
    group = '';
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { kind: 'groups' };
    if (parts.length === 2) return { kind: 'group', group: parts[1] ?? '' };
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else {
    return { kind: 'unknown' };
  }
  if (rest.length === 0) return { kind: 'group-version', group, version };
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return { kind: 'unknown' };
  return { kind: 'resource', group, version, namespace, resource: rest[0] ?? '', name: rest[1], subresource: rest[2], watchPrefix };
}
