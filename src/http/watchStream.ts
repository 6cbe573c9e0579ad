import type { Subscription } from 'rxjs';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import type { WatchOptions } from '../apiserver/requestOptions.ts';
import type { WatchEvent } from '../apiserver/watchTypes.ts';
import type { ResponseEncoding } from './mediaTypes.ts';
import { asStatusError } from './respond.ts';
import type { RequestScope, ServerContext } from './serverContext.ts';
import { isTable, tableOf } from './tableResponse.ts';

/** kube-apiserver's `--min-request-timeout`: a watch without `timeoutSeconds` ends after about this long. */
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 1800;

/**
 * Serves `?watch=true`: a chunked stream of `{"type":…,"object":…}` lines. Errors after the stream has
 * started (410 Gone after a compaction, 503 at shutdown) are sent as an `ERROR` event carrying the
 * Status, then the stream ends, as client-go's reflector expects. `timeoutSeconds` is real time.
 * With a Table encoding every object is a one-row Table (column definitions only on the first).
 */
export function serveWatch(ctx: ServerContext, scope: RequestScope, info: ResourceInfo, opts: WatchOptions & { readonly timeoutSeconds?: number }, encoding: ResponseEncoding): void {
  const { timeoutSeconds, ...hubOptions } = opts;
  // Throws (400, 504) before anything is written: those go out as ordinary error responses.
  const events = ctx.api.watch(info, hubOptions);
  const { res } = scope;
  res.writeHead(200, { 'Content-Type': isTable(encoding) ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let first = true;
  const encode = (e: WatchEvent): unknown => {
    if (!isTable(encoding) || e.type === 'BOOKMARK') return e.object;
    const table = tableOf([e.object], { api: ctx.api, info, now: ctx.cluster.clock.now(), query: scope.url.searchParams, encoding, noHeaders: !first });
    first = false;
    return table;
  };
  let done = false;
  const handles: { subscription?: Subscription; timer?: ReturnType<typeof setTimeout> } = {};
  const finish = (): void => {
    if (done) return;
    done = true;
    handles.subscription?.unsubscribe();
    clearTimeout(handles.timer);
    ctx.openStreams.delete(finish);
    if (!res.writableEnded) res.end();
  };
  handles.subscription = events.subscribe({
    next: (e) => {
      if (done) return;
      // Table watches carry no bookmarks (kubectl get --watch never asks for them).
      if (isTable(encoding) && e.type === 'BOOKMARK') return;
      res.write(`${JSON.stringify({ type: e.type, object: encode(e) })}\n`);
    },
    error: (err: unknown) => {
      if (!done) res.write(`${JSON.stringify({ type: 'ERROR', object: asStatusError(err).status })}\n`);
      finish();
    },
    complete: finish,
  });
  const seconds = timeoutSeconds !== undefined && timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_WATCH_TIMEOUT_SECONDS;
  if (done) {
    handles.subscription.unsubscribe();
    return;
  }
  handles.timer = setTimeout(finish, seconds * 1000);
  ctx.openStreams.add(finish);
  res.on('close', finish);
}
