// A binary heap whose items have string keys, so they can be looked up, updated and removed in
// O(log n) (the scheduling queue's activeQ and backoffQ, like upstream internal/heap).

/**
 * A keyed min-heap ordered by `less` (the item that should come out first is "less").
 * @public
 */
export interface KeyedHeap<T> {
  /** Adds the item, or replaces and re-positions the one with the same key. */
  push(item: T): void;
  remove(key: string): T | undefined;
  get(key: string): T | undefined;
  has(key: string): boolean;
  peek(): T | undefined;
  pop(): T | undefined;
  readonly size: number;
  /** All items, in heap (not sorted) order. */
  values(): T[];
}

/** An empty heap. */
export function createKeyedHeap<T>(keyOf: (item: T) => string, less: (a: T, b: T) => boolean): KeyedHeap<T> {
  const items: T[] = [];
  const index = new Map<string, number>();

  const at = (i: number): T => items[i] as T;
  const swap = (i: number, j: number): void => {
    const a = at(i);
    const b = at(j);
    items[i] = b;
    items[j] = a;
    index.set(keyOf(b), i);
    index.set(keyOf(a), j);
  };
  const up = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(at(i), at(parent))) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && less(at(l), at(m))) m = l;
      if (r < items.length && less(at(r), at(m))) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const removeAt = (i: number): T => {
    const item = at(i);
    const last = items.length - 1;
    if (i !== last) swap(i, last);
    items.pop();
    index.delete(keyOf(item));
    if (i < items.length) {
      down(i);
      up(i);
    }
    return item;
  };

  return {
    push(item) {
      const key = keyOf(item);
      const i = index.get(key);
      if (i !== undefined) {
        items[i] = item;
        down(i);
        up(i);
        return;
      }
      items.push(item);
      index.set(key, items.length - 1);
      up(items.length - 1);
    },
    remove(key) {
      const i = index.get(key);
      return i === undefined ? undefined : removeAt(i);
    },
    get(key) {
      const i = index.get(key);
      return i === undefined ? undefined : at(i);
    },
    has: (key) => index.has(key),
    peek: () => items[0],
    pop: () => (items.length === 0 ? undefined : removeAt(0)),
    get size() {
      return items.length;
    },
    values: () => [...items],
  };
}
