import type { ResourceInfo } from '../api/resourceInfo.ts';
import { badRequest, StatusError } from '../api/status.ts';
import type { PodLogRequest, RequestScope, ServerContext } from './serverContext.ts';

/** How often `follow=true` looks for new log lines (real time). */
export const FOLLOW_POLL_MS = 500;

function optionalNumber(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`${name}: Invalid value: ${JSON.stringify(v)}: must be an integer`);
  return n;
}

function logRequest(q: URLSearchParams, namespace: string, pod: string, container: string): PodLogRequest {
  const tailLines = optionalNumber(q, 'tailLines');
  const sinceSeconds = optionalNumber(q, 'sinceSeconds');
  const limitBytes = optionalNumber(q, 'limitBytes');
  const sinceTime = q.get('sinceTime') ? Date.parse(q.get('sinceTime') ?? '') : Number.NaN;
  return {
    namespace,
    pod,
    container,
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
    ...(Number.isNaN(sinceTime) ? {} : { sinceTime }),
    ...(q.get('previous') === 'true' ? { previous: true } : {}),
    ...(q.get('timestamps') === 'true' ? { timestamps: true } : {}),
  };
}

/**
 * The pods/log subresource (`kubectl logs`): the container's log as text from the cluster's log
 * source, with `tailLines`, `sinceSeconds`, `sinceTime`, `limitBytes`, `previous` and `timestamps`.
 * With `follow=true` the answer stays open and new lines are sent as they appear, until the pod is
 * gone or the client hangs up.
 */
export function serveLog(ctx: ServerContext, scope: RequestScope, info: ResourceInfo, namespace: string, name: string): void {
  const pod = ctx.api.get(info, name, namespace);
  const logs = ctx.logs;
  if (logs === undefined) {
    throw new StatusError(404, 'NotFound', `the server could not find the requested resource ( pods/log ${name}): this cluster has no kubelet log source yet`, { name, kind: 'pods', group: '' });
  }
  const q = scope.url.searchParams;
  const containers = ((pod as { spec?: { containers?: { name: string }[] } }).spec?.containers ?? []).map((c) => c.name);
  const container = q.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
  if (container === undefined) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
  if (!containers.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  const request = logRequest(q, namespace, name, container);
  const text = logs(request);
  if (q.get('follow') !== 'true') {
    scope.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    scope.res.end(text);
    return;
  }
  // Following: later polls read the whole log (no tail or byte limit) and send what was added.
  const { tailLines: _t, limitBytes: _l, ...whole } = request;
  let sent = logs(whole).length;
  scope.res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  scope.res.write(text);
  const timer = setInterval(() => {
    let now: string;
    try {
      now = logs(whole);
    } catch {
      finish();
      return;
    }
    if (now.length > sent) scope.res.write(now.slice(sent));
    sent = now.length;
  }, FOLLOW_POLL_MS);
  const finish = (): void => {
    clearInterval(timer);
    ctx.openStreams.delete(finish);
    if (!scope.res.writableEnded) scope.res.end();
  };
  ctx.openStreams.add(finish);
  scope.res.on('close', finish);
}
