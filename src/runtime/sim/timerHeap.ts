interface Timer {
  readonly id: number;
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * A binary min-heap of timers ordered by (due time, insertion order). Cancelled timers are removed
 * lazily: they stay in the heap but are skipped when popped, which keeps cancel O(1).
 * @internal
 */
export class TimerHeap {
  private readonly heap: Timer[] = [];
  private readonly live = new Set<number>();

  get size(): number {
    return this.live.size;
  }

  push(timer: Timer): void {
    this.live.add(timer.id);
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Timer;
      if (!before(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  cancel(id: number): boolean {
    return this.live.delete(id);
  }

  /** The earliest live timer, without removing it. */
  peek(): Timer | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Removes and returns the earliest live timer. */
  pop(): Timer | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    this.live.delete(top.id);
    return top;
  }

  clear(): void {
    this.heap.length = 0;
    this.live.clear();
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && !this.live.has((this.heap[0] as Timer).id)) this.removeTop();
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop() as Timer;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r] as Timer, heap[l] as Timer) ? r : l;
      if (!before(heap[child] as Timer, last)) break;
      heap[i] = heap[child] as Timer;
      i = child;
    }
    heap[i] = last;
  }
}
