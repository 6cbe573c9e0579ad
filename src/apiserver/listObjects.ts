import type { StoredObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { badRequest, isGone, StatusError } from '../api/status.ts';
import type { Store } from '../store/storeTypes.ts';
import { compileFilter } from './objectFilter.ts';
import type { ListOptions, ObjectList } from './requestOptions.ts';

interface ContinueToken {
  readonly v: 'meta.k8s.io/v1';
  readonly rv: number;
  readonly start: string;
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start } satisfies ContinueToken)).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (t.v === 'meta.k8s.io/v1' && typeof t.rv === 'number' && typeof t.start === 'string') return t as ContinueToken;
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function keyOf(o: StoredObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/**
 * The objects of a resource as they were at `revision`: the current list with the history after
 * `revision` undone. Throws 410 when that history has been compacted.
 * @internal
 */
export function listAt(store: Store, resource: string, namespace: string | undefined, revision: number): StoredObject[] {
  const current = store.list(resource, namespace);
  if (revision === current.revision) return current.items;
  const events = store.eventsAfter(revision, resource);
  const byKey = new Map<string, StoredObject>();
  for (const o of current.items) byKey.set(keyOf(o), o);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e === undefined) continue;
    if (namespace && e.object.metadata.namespace !== namespace) continue;
    if (e.type === 'ADDED') byKey.delete(e.key);
    else if (e.prev !== undefined) byKey.set(e.key, e.prev);
  }
  return [...byKey.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/**
 * kube-apiserver's list: selectors, `resourceVersion` + `resourceVersionMatch` semantics, and
 * `limit`/`continue` pages that all come from one consistent revision.
 * @internal
 */
export function listObjects(store: Store, resource: string, info: ResourceInfo, opts: ListOptions): ObjectList<StoredObject> {
  const filter = compileFilter(info, opts);
  const ns = info.namespaced ? opts.namespace || undefined : undefined;
  let revision = store.revision();
  let start = '';
  let items: StoredObject[];
  if (opts.continue) {
    const token = decodeContinue(opts.continue);
    revision = token.rv;
    start = token.start;
    try {
      items = listAt(store, resource, ns, revision);
    } catch (e) {
      if (isGone(e)) {
        throw new StatusError(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
      }
      throw e;
    }
  } else {
    const rvText = opts.resourceVersion ?? '';
    if (rvText !== '' && !/^\d+$/.test(rvText)) throw badRequest(`invalid resource version "${rvText}"`);
    const rv = rvText === '' ? 0 : Number(rvText);
    if (opts.resourceVersionMatch !== undefined && rvText === '') {
      throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
    }
    if (rv > revision) throw new StatusError(504, 'Timeout', `Too large resource version: ${rv}, current: ${revision}`);
    if (opts.resourceVersionMatch === 'Exact') {
      if (rv === 0) throw badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "0"');
      items = listAt(store, resource, ns, rv);
      revision = rv;
    } else {
      items = store.list(resource, ns).items;
    }
  }
  const matching: StoredObject[] = [];
  for (const o of items) if ((start === '' || keyOf(o) > start) && filter(o)) matching.push(o);
  const limit = opts.limit ?? 0;
  let page = matching;
  let cont: string | undefined;
  if (limit > 0 && matching.length > limit) {
    page = matching.slice(0, limit);
    cont = encodeContinue(revision, keyOf(page[page.length - 1] as StoredObject));
  }
  return {
    apiVersion: apiVersionOf(info),
    kind: `${info.kind}List`,
    metadata: { resourceVersion: String(revision), ...(cont !== undefined ? { continue: cont, remainingItemCount: matching.length - page.length } : {}) },
    items: page,
  };
}
