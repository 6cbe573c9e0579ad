/**
 * Where components report outstanding work (queued keys, reconciles in flight, writes not yet
 * answered), so `settle()` can tell a quiet cluster from a busy one.
 * @public
 */
export interface ActivityTracker {
  /** Registers a source of pending work; returns its unregister function. */
  register(name: string, pending: () => number): () => void;
  /** Sum of every source's pending work. */
  pending(): number;
  /** Names and counts of sources with pending work. */
  busy(): { name: string; pending: number }[];
}

/** Creates an {@link ActivityTracker}. */
export function createActivityTracker(): ActivityTracker {
  const sources = new Map<string, () => number>();
  let seq = 0;
  return {
    register(name, pending) {
      const id = `${name}#${seq++}`;
      sources.set(id, pending);
      return () => sources.delete(id);
    },
    pending() {
      let n = 0;
      for (const f of sources.values()) n += f();
      return n;
    },
    busy() {
      const out: { name: string; pending: number }[] = [];
      for (const [id, f] of sources) {
        const p = f();
        if (p > 0) out.push({ name: id.slice(0, id.lastIndexOf('#')), pending: p });
      }
      return out;
    },
  };
}
