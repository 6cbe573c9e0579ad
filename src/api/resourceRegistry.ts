import { BUILTIN_RESOURCES } from './builtinResources.ts';
import { apiVersionOf, parseApiVersion } from './resourceInfo.ts';
import type { ResourceInfo } from './resourceInfo.ts';
import { badRequest, StatusError } from './status.ts';

/**
 * The kinds registry (kube-apiserver's scheme + RESTMapper): finds a {@link ResourceInfo} by
 * apiVersion and kind, by plural, singular or short name, and takes custom resources.
 * @public
 */
export class ResourceRegistry {
  private readonly byGvk = new Map<string, ResourceInfo>();
  private readonly byGroupPlural = new Map<string, ResourceInfo>();
  private readonly all: ResourceInfo[] = [];

  constructor(resources: readonly ResourceInfo[] = BUILTIN_RESOURCES) {
    for (const r of resources) this.add(r);
  }

  /** Adds a resource (a custom resource, or another version of a group). Throws if the name is taken. */
  add(info: ResourceInfo): void {
    const gvk = `${apiVersionOf(info)}/${info.kind}`;
    const gp = `${info.group}/${info.plural}`;
    const existing = this.byGroupPlural.get(gp);
    if (existing !== undefined && existing.kind !== info.kind) {
      throw new StatusError(409, 'AlreadyExists', `resource ${info.plural}${info.group ? `.${info.group}` : ''} is already registered as ${existing.kind}`);
    }
    if (this.byGvk.has(gvk)) return;
    this.byGvk.set(gvk, info);
    if (existing === undefined) this.byGroupPlural.set(gp, info);
    this.all.push(info);
  }

  /** Removes a resource (when its CRD is deleted). */
  remove(group: string, plural: string): void {
    const info = this.byGroupPlural.get(`${group}/${plural}`);
    if (info === undefined) return;
    this.byGroupPlural.delete(`${group}/${plural}`);
    for (let i = this.all.length - 1; i >= 0; i--) {
      const r = this.all[i] as ResourceInfo;
      if (r.group === group && r.plural === plural) {
        this.all.splice(i, 1);
        this.byGvk.delete(`${apiVersionOf(r)}/${r.kind}`);
      }
    }
  }

  /** Every registered resource, in registration order. */
  list(): readonly ResourceInfo[] {
    return this.all;
  }

  /** The resource for an object's `apiVersion` and `kind`, or undefined. */
  forKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    return this.byGvk.get(`${apiVersion}/${kind}`);
  }

  /**
   * The resource for `apiVersion` + `kind`, throwing the error kubectl shows for an unknown kind:
   * `no matches for kind "X" in version "v"`.
   */
  requireKind(apiVersion: string | undefined, kind: string | undefined): ResourceInfo {
    if (!kind) throw badRequest("Object 'Kind' is missing in the request body");
    if (!apiVersion) throw badRequest(`Object 'apiVersion' is missing in the request body for kind "${kind}"`);
    const info = this.forKind(apiVersion, kind);
    if (info === undefined) {
      throw new StatusError(404, 'NotFound', `no matches for kind "${kind}" in version "${apiVersion}"`);
    }
    return info;
  }

  /** The resource served at `group` + `plural` (the URL form). */
  forResource(group: string, plural: string, version?: string): ResourceInfo | undefined {
    if (version === undefined) return this.byGroupPlural.get(`${group}/${plural}`);
    return this.all.find((r) => r.group === group && r.plural === plural && r.version === version);
  }

  /**
   * Resolves what a user typed after `kubectl get`: a plural, singular, short name or Kind,
   * optionally qualified with a group (`deployments.apps`, `deploy`). Case-insensitive for kinds.
   */
  resolve(name: string): ResourceInfo | undefined {
    const lower = name.toLowerCase();
    const dot = lower.indexOf('.');
    const base = dot < 0 ? lower : lower.slice(0, dot);
    const group = dot < 0 ? undefined : lower.slice(dot + 1);
    // Core group first, like kubectl's priority for unqualified names.
    const candidates = group === undefined ? [...this.all].sort((a, b) => (a.group === '' ? 0 : 1) - (b.group === '' ? 0 : 1)) : this.all.filter((r) => r.group === group);
    return candidates.find((r) => r.plural === base || r.singular === base || r.shortNames.includes(base) || r.kind.toLowerCase() === base);
  }

  /** Parses `apiVersion` (kept here so callers need one import). */
  static parseApiVersion(apiVersion: string): { group: string; version: string } {
    return parseApiVersion(apiVersion);
  }
}
