import { fieldError, invalid } from '../api/fieldErrors.ts';
import { badRequest } from '../api/status.ts';
import type { DeleteOptions, ListOptions, PropagationPolicy, WatchOptions, WriteOptions } from '../apiserver/requestOptions.ts';

function optionalInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}: not an integer`);
  return Number(v);
}

function optionalBool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}: not a boolean`);
}

/** `?watch=true` (or `1`). */
export function isWatch(q: URLSearchParams): boolean {
  return optionalBool(q, 'watch') === true;
}

/** The list options of a collection GET. */
export function listOptions(q: URLSearchParams, namespace: string | undefined): ListOptions {
  const match = q.get('resourceVersionMatch') ?? '';
  if (match !== '' && match !== 'Exact' && match !== 'NotOlderThan') {
    throw invalid('ListOptions', '', [fieldError.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan'])], 'meta.k8s.io');
  }
  const limit = optionalInt(q, 'limit');
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') ?? '' } : {}),
    ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') ?? '' } : {}),
    ...(limit !== undefined && limit > 0 ? { limit } : {}),
    ...(q.get('continue') ? { continue: q.get('continue') ?? '' } : {}),
    ...(q.get('resourceVersion') !== null ? { resourceVersion: q.get('resourceVersion') ?? '' } : {}),
    ...(match !== '' ? { resourceVersionMatch: match } : {}),
  };
}

/** The watch options of `?watch=true` (the timeout is kept by the HTTP layer, in real time). */
export function watchOptions(q: URLSearchParams, namespace: string | undefined): WatchOptions & { readonly timeoutSeconds?: number } {
  const match = q.get('resourceVersionMatch') ?? '';
  if (match !== '' && match !== 'NotOlderThan') throw badRequest(`resourceVersionMatch "${match}" is not supported for watch`);
  const bookmarks = optionalBool(q, 'allowWatchBookmarks');
  const initial = optionalBool(q, 'sendInitialEvents');
  const timeout = optionalInt(q, 'timeoutSeconds');
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') ?? '' } : {}),
    ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') ?? '' } : {}),
    ...(q.get('resourceVersion') ? { resourceVersion: q.get('resourceVersion') ?? '' } : {}),
    ...(match === 'NotOlderThan' ? { resourceVersionMatch: match } : {}),
    ...(bookmarks !== undefined ? { allowWatchBookmarks: bookmarks } : {}),
    ...(initial !== undefined ? { sendInitialEvents: initial } : {}),
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
  };
}

/** `dryRun` and `fieldManager` of a write (`dryRun` may only be `All`). */
export function writeOptions(q: URLSearchParams, user: string): WriteOptions {
  const dry = q.getAll('dryRun');
  for (const d of dry) {
    if (d !== 'All') throw badRequest(`Invalid dry run value: dryRun: Unsupported value: ${JSON.stringify(d)}: supported values: "All"`);
  }
  const manager = q.get('fieldManager');
  if (manager !== null && manager.length > 128) {
    throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  }
  return { ...(dry.length > 0 ? { dryRun: 'All' as const } : {}), ...(manager ? { fieldManager: manager } : {}), user };
}

const POLICIES: readonly PropagationPolicy[] = ['Background', 'Foreground', 'Orphan'];

/**
 * DeleteOptions from the query and the (optional) body, the body winning, as kube-apiserver merges them.
 * The deprecated `orphanDependents` maps to a propagation policy.
 */
export function deleteOptions(q: URLSearchParams, body: Record<string, unknown> | undefined, base: WriteOptions, namespace: string | undefined): DeleteOptions {
  const grace = body?.['gracePeriodSeconds'] ?? optionalInt(q, 'gracePeriodSeconds');
  let policy = (body?.['propagationPolicy'] ?? q.get('propagationPolicy') ?? undefined) as string | undefined;
  const orphan = body?.['orphanDependents'] ?? optionalBool(q, 'orphanDependents');
  if (policy === undefined && orphan !== undefined) policy = orphan === true ? 'Orphan' : 'Background';
  if (policy !== undefined && policy !== '' && !POLICIES.includes(policy as PropagationPolicy)) {
    throw invalid('DeleteOptions', '', [fieldError.notSupported('propagationPolicy', policy, POLICIES)], 'meta.k8s.io');
  }
  if (grace !== undefined && (typeof grace !== 'number' || !Number.isInteger(grace))) throw badRequest('gracePeriodSeconds must be an integer');
  const bodyDry = body?.['dryRun'];
  const dryRun = base.dryRun ?? (Array.isArray(bodyDry) && bodyDry.includes('All') ? 'All' : undefined);
  const pre = body?.['preconditions'] as { uid?: string; resourceVersion?: string } | undefined;
  return {
    ...base,
    ...(dryRun !== undefined ? { dryRun } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    ...(policy ? { propagationPolicy: policy as PropagationPolicy } : {}),
    ...(pre !== undefined && pre !== null ? { preconditions: { ...(pre.uid ? { uid: pre.uid } : {}), ...(pre.resourceVersion ? { resourceVersion: pre.resourceVersion } : {}) } } : {}),
  };
}
