import type { AnyActorRef } from 'xstate';
import type { Node, Service } from 'kubernetes-types/core/v1.js';
import type { KubeObject, StoredObject } from '../api/meta.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { parseTimestamp } from '../apiserver/timestamps.ts';
import { buildTable } from '../printers/tableColumns.ts';
import { formatTable } from '../printers/formatTable.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { formatOffset } from './duration.ts';

/** Kinds the report lists, in this order; anything else present follows alphabetically. */
const ORDER = ['Namespace', 'Node', 'Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Pod', 'Service', 'Endpoints', 'EndpointSlice', 'Ingress', 'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim'];
/** Kinds left out of the tables (the timeline shows Events; Leases are heartbeats). */
const SKIP = new Set(['Event', 'Lease']);

function sortKinds(infos: ResourceInfo[]): ResourceInfo[] {
  const rank = (i: ResourceInfo): number => {
    const r = ORDER.indexOf(i.kind);
    return r < 0 ? ORDER.length : r;
  };
  return infos.sort((a, b) => rank(a) - rank(b) || a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group));
}

/** Every stored resource that holds objects, with its objects. */
export function storedObjects(cluster: Cluster): { info: ResourceInfo; items: readonly StoredObject[] }[] {
  const out: { info: ResourceInfo; items: readonly StoredObject[] }[] = [];
  const seen = new Set<string>();
  for (const info of sortKinds([...cluster.api.registry.list()])) {
    const key = `${info.group}/${info.plural}`;
    if (!info.stored || seen.has(key) || !info.verbs.includes('list')) continue;
    seen.add(key);
    const items = cluster.api.list(info).items;
    if (items.length > 0) out.push({ info, items });
  }
  return out;
}

function actorLines(ref: AnyActorRef, depth: number, out: string[]): void {
  const snap = ref.getSnapshot() as { value?: unknown; status?: string; children?: Record<string, AnyActorRef | undefined> };
  const name = (ref as { systemId?: string }).systemId ?? ref.id;
  const value = snap.value === undefined ? (snap.status ?? '') : typeof snap.value === 'string' ? snap.value : JSON.stringify(snap.value);
  out.push(`${'  '.repeat(depth)}${name}: ${value}`);
  for (const child of Object.values(snap.children ?? {})) if (child !== undefined) actorLines(child, depth + 1, out);
}

/** One request from outside to every NodePort of every Service, on the first node, with who answered. */
function nodePortRequests(cluster: Cluster): string[] {
  const node = cluster.api.list<Node & KubeObject>({ apiVersion: 'v1', kind: 'Node' }).items[0];
  const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (ip === undefined) return [];
  const out: string[] = [];
  for (const svc of cluster.api.list<Service & KubeObject>({ apiVersion: 'v1', kind: 'Service' }).items) {
    for (const port of svc.spec?.ports ?? []) {
      if (port.nodePort === undefined) continue;
      const r = cluster.network.request({ from: 'external', to: `${ip}:${port.nodePort}` });
      const head = `GET http://${ip}:${port.nodePort}/ (service ${svc.metadata.namespace}/${svc.metadata.name})`;
      out.push(r.ok ? `${head} -> ${r.status} from pod ${r.pod} on ${r.node}: ${JSON.stringify(r.body)}` : `${head} -> failed: ${r.reason}`);
    }
  }
  return out;
}

/** The human report of `kubeactors run`: a table per kind, the event timeline, every actor's state. */
export function tableReport(cluster: Cluster, startMs: number): string {
  const now = cluster.clock.now();
  const lines: string[] = [];
  lines.push(`Cluster time: ${new Date(now).toISOString()} (${formatOffset(now - startMs)} since start)`, '');
  for (const { info, items } of storedObjects(cluster)) {
    if (SKIP.has(info.kind)) continue;
    lines.push(`== ${info.plural}${info.group ? `.${info.group}` : ''} (${apiVersionOf(info)} ${info.kind})`);
    const table = buildTable(items, { now, namespaceColumn: info.namespaced });
    lines.push(formatTable(table).trimEnd(), '');
  }
  const traffic = nodePortRequests(cluster);
  if (traffic.length > 0) lines.push('== Requests through NodePorts (from outside the cluster)', ...traffic, '');
  lines.push('== Events (cluster time since start)');
  const events = cluster.events();
  if (events.length === 0) lines.push('(none)');
  for (const e of events) {
    const at = parseTimestamp(e.lastTimestamp ?? e.firstTimestamp) - startMs;
    const obj = `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
    const count = (e.count ?? 1) > 1 ? ` (x${e.count})` : '';
    lines.push(`${formatOffset(at).padEnd(10)} ${(e.type ?? '').padEnd(7)} ${(e.reason ?? '').padEnd(20)} ${obj.padEnd(40)} ${e.message ?? ''}${count}`);
  }
  lines.push('', '== Actors (current state)');
  actorLines(cluster.root, 0, lines);
  return `${lines.join('\n')}\n`;
}

/** Every object in the store as one `v1` `List` (Nodes and Events included), for `-o json|yaml`. */
export function listReport(cluster: Cluster): { apiVersion: 'v1'; kind: 'List'; metadata: { resourceVersion: string }; items: KubeObject[] } {
  const items: KubeObject[] = [];
  for (const { info, items: objs } of storedObjects(cluster)) {
    for (const o of objs) items.push({ ...o, apiVersion: o.apiVersion ?? apiVersionOf(info), kind: info.kind });
  }
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(cluster.api.store.revision()) }, items };
}
