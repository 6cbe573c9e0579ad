// The order in which the scheduler walks nodes (upstream internal/cache nodeTree): nodes grouped by
// zone, zones in the order first seen, and the list interleaves zones round-robin so that a partial
// scan (percentageOfNodesToScore) still spreads over zones.
import type { Node } from 'kubernetes-types/core/v1.js';

/** The zone key of a node (upstream `utilnode.GetZoneKey`): `region:\0:zone`, `''` without either label. */
export function zoneKey(node: Node | undefined): string {
  const labels = node?.metadata?.labels;
  if (labels === undefined) return '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}

/**
 * Node names grouped by zone.
 * @public
 */
export interface NodeTree {
  /** Adds a node, or moves it when its zone changed. */
  upsert(node: Node): void;
  remove(name: string): void;
  /** All node names, zones interleaved (upstream `nodeTree.list`). */
  list(): string[];
  readonly size: number;
}

/** An empty {@link NodeTree}. */
export function createNodeTree(): NodeTree {
  const zones: string[] = [];
  const tree = new Map<string, string[]>();
  const zoneOf = new Map<string, string>();

  const removeFromZone = (name: string, zone: string): void => {
    const names = tree.get(zone);
    if (names === undefined) return;
    const i = names.indexOf(name);
    if (i < 0) return;
    // Upstream swaps the last element into the hole; keep that so walks match its order.
    names[i] = names[names.length - 1] ?? name;
    names.pop();
    if (names.length === 0) {
      tree.delete(zone);
      zones.splice(zones.indexOf(zone), 1);
    }
  };

  return {
    upsert(node) {
      const name = node.metadata?.name ?? '';
      const zone = zoneKey(node);
      const old = zoneOf.get(name);
      if (old === zone) return;
      if (old !== undefined) removeFromZone(name, old);
      zoneOf.set(name, zone);
      const names = tree.get(zone);
      if (names === undefined) {
        tree.set(zone, [name]);
        zones.push(zone);
      } else {
        names.push(name);
      }
    },
    remove(name) {
      const zone = zoneOf.get(name);
      if (zone === undefined) return;
      zoneOf.delete(name);
      removeFromZone(name, zone);
    },
    list() {
      const out: string[] = [];
      const total = zoneOf.size;
      for (let i = 0; out.length < total; i++) {
        for (const z of zones) {
          const names = tree.get(z) ?? [];
          const n = names[i];
          if (n !== undefined) out.push(n);
        }
      }
      return out;
    },
    get size() {
      return zoneOf.size;
    },
  };
}
