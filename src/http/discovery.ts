import type { ResourceInfo } from '../api/resourceInfo.ts';
import type { ResourceRegistry } from '../api/resourceRegistry.ts';

/** A subresource as discovery lists it: its response kind and verbs. */
export interface SubresourceDoc {
  readonly name: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly verbs: readonly string[];
}

const READ_WRITE = ['get', 'patch', 'update'];

/**
 * The subresources this server serves for a resource (status, scale, binding, eviction, log, finalize),
 * with kube-apiserver's response kinds and verbs. Ones it does not serve (exec, proxy …) are left out
 * so clients do not try them.
 */
export function servedSubresources(info: ResourceInfo): SubresourceDoc[] {
  const out: SubresourceDoc[] = [];
  const self = { group: info.group, version: info.version, kind: info.kind };
  for (const sub of info.subresources) {
    if (sub === 'status') out.push({ name: sub, ...self, verbs: READ_WRITE });
    else if (sub === 'scale') out.push({ name: sub, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: READ_WRITE });
    else if (sub === 'binding') out.push({ name: sub, group: '', version: 'v1', kind: 'Binding', verbs: ['create'] });
    else if (sub === 'eviction') out.push({ name: sub, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    else if (sub === 'log') out.push({ name: sub, group: '', version: 'v1', kind: 'Pod', verbs: ['get'] });
    else if (sub === 'finalize') out.push({ name: sub, ...self, verbs: ['update'] });
  }
  return out;
}

// Kubernetes version priority: GA before beta before alpha, higher numbers first (v2 > v1 > v1beta2 > v1beta1 > v1alpha1).
function versionRank(v: string): [number, number, number] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (m === null) return [3, 0, 0];
  const stability = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
  return [stability, -Number(m[1]), -Number(m[3] ?? 0)];
}

/** Versions in kube-apiserver's priority order (the preferred one first). */
export function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => {
    const x = versionRank(a);
    const y = versionRank(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.localeCompare(b);
  });
}

/** Every served group (core as `''`) with its versions, in registration order, versions by priority. */
export function groupVersions(registry: ResourceRegistry): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const r of registry.list()) {
    const versions = groups.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    groups.set(r.group, versions);
  }
  for (const [g, vs] of groups) groups.set(g, sortVersions(vs));
  return groups;
}

/** The resources of one group version. */
export function resourcesOf(registry: ResourceRegistry, group: string, version: string): ResourceInfo[] {
  return registry.list().filter((r) => r.group === group && r.version === version);
}

function gv(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** `/api`: APIVersions. */
export function coreVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** `/apis/<group>`: APIGroup, or undefined for a group not served. */
export function apiGroup(registry: ResourceRegistry, group: string): Record<string, unknown> | undefined {
  const versions = groupVersions(registry).get(group);
  if (versions === undefined || group === '') return undefined;
  const list = versions.map((v) => ({ groupVersion: gv(group, v), version: v }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: list, preferredVersion: list[0] };
}

/** `/apis`: APIGroupList of every named group. */
export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  const groups = [...groupVersions(registry).keys()].filter((g) => g !== '').map((g) => {
    const { kind: _k, apiVersion: _a, ...rest } = apiGroup(registry, g) ?? {};
    return rest;
  });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** `/api/v1`, `/apis/<group>/<version>`: APIResourceList, or undefined for a version not served. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const infos = resourcesOf(registry, group, version);
  if (infos.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of infos) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      ...(r.shortNames.length > 0 ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories.length > 0 ? { categories: [...r.categories] } : {}),
    });
    for (const s of servedSubresources(r)) {
      resources.push({
        name: `${r.plural}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group !== r.group || s.version !== r.version ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: [...s.verbs],
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
}
