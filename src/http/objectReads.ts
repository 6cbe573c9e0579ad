import type { ResourceInfo } from '../api/resourceInfo.ts';
import type { ResponseEncoding } from './mediaTypes.ts';
import { isWatch, listOptions, watchOptions } from './queryOptions.ts';
import { sendObject } from './respond.ts';
import type { RequestScope, ServerContext } from './serverContext.ts';
import { isTable, tableOf } from './tableResponse.ts';
import { serveWatch } from './watchStream.ts';

/** A read of one object or of a collection (`name` undefined), or a watch of either. */
export interface ReadRequest {
  readonly info: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly watch: boolean;
  readonly encoding: ResponseEncoding;
}

function withNameSelector(q: URLSearchParams, name: string): URLSearchParams {
  const out = new URLSearchParams(q);
  const existing = out.get('fieldSelector');
  out.set('fieldSelector', existing ? `${existing},metadata.name=${name}` : `metadata.name=${name}`);
  return out;
}

/**
 * GET of an object or a collection: the object, the list (with `limit`/`continue`, selectors and
 * resourceVersion semantics), a Table of either, or a watch stream.
 */
export function serveRead(ctx: ServerContext, scope: RequestScope, r: ReadRequest): void {
  const q = scope.url.searchParams;
  const now = ctx.cluster.clock.now();
  if (r.watch || isWatch(q)) {
    const query = r.name !== undefined ? withNameSelector(q, r.name) : q;
    serveWatch(ctx, scope, r.info, watchOptions(query, r.namespace), r.encoding);
    return;
  }
  if (r.name !== undefined) {
    const obj = ctx.api.get(r.info, r.name, r.namespace);
    if (isTable(r.encoding)) {
      sendObject(scope.res, 200, tableOf([obj], { api: ctx.api, info: r.info, now, query: q, encoding: r.encoding, resourceVersion: obj.metadata.resourceVersion }));
    } else {
      sendObject(scope.res, 200, obj, r.encoding);
    }
    return;
  }
  const list = ctx.api.list(r.info, listOptions(q, r.namespace));
  if (isTable(r.encoding)) {
    sendObject(scope.res, 200, tableOf(list.items, { api: ctx.api, info: r.info, now, query: q, encoding: r.encoding, resourceVersion: list.metadata.resourceVersion, continue: list.metadata.continue }));
    return;
  }
  sendObject(scope.res, 200, list, r.encoding);
}
