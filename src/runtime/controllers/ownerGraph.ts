import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import type { ResourceInfo } from '../../api/resourceInfo.ts';

/** One object in the garbage collector's ownership graph. */
export interface GraphNode {
  readonly uid: string;
  readonly resource: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly owners: readonly OwnerReference[];
  readonly deleting: boolean;
  readonly finalizers: readonly string[];
}

/**
 * The garbage collector's in-memory graph (graph_builder.go): nodes by uid and, for each owner uid,
 * the uids of its dependents (including dependents whose owner is not — or no longer — in the graph).
 * @internal
 */
export class OwnerGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  size(): number {
    return this.nodes.size;
  }

  dependentsOf(uid: string): GraphNode[] {
    const out: GraphNode[] = [];
    for (const d of this.dependents.get(uid) ?? []) {
      const n = this.nodes.get(d);
      if (n !== undefined) out.push(n);
    }
    return out;
  }

  /** Adds or replaces the node of `obj`; returns the previous node. */
  upsert(obj: KubeObject, resource: ResourceInfo): GraphNode | undefined {
    const meta = obj.metadata ?? {};
    const uid = meta.uid ?? '';
    const prev = this.nodes.get(uid);
    const node: GraphNode = {
      uid,
      resource,
      namespace: meta.namespace,
      name: meta.name ?? '',
      owners: meta.ownerReferences ?? [],
      deleting: meta.deletionTimestamp !== undefined,
      finalizers: meta.finalizers ?? [],
    };
    if (prev !== undefined) for (const o of prev.owners) this.dependents.get(o.uid)?.delete(uid);
    this.nodes.set(uid, node);
    for (const o of node.owners) {
      let set = this.dependents.get(o.uid);
      if (set === undefined) this.dependents.set(o.uid, (set = new Set()));
      set.add(uid);
    }
    return prev;
  }

  remove(uid: string): GraphNode | undefined {
    const node = this.nodes.get(uid);
    if (node === undefined) return undefined;
    this.nodes.delete(uid);
    for (const o of node.owners) {
      const set = this.dependents.get(o.uid);
      set?.delete(uid);
      if (set?.size === 0) this.dependents.delete(o.uid);
    }
    return node;
  }
}
