/**
 * A trampoline: tasks enqueued while a task runs are run after it, in order, on the same call
 * stack's outermost frame. Watch fan-out goes through one, so a subscriber that writes while
 * handling event N never makes another subscriber see N+1 before N.
 * @internal
 */
export class Dispatcher {
  private readonly queue: (() => void)[] = [];
  private head = 0;
  private running = false;

  enqueue(task: () => void): void {
    this.queue.push(task);
    if (!this.running) this.drain();
  }

  /** True while tasks are being run. */
  get busy(): boolean {
    return this.running;
  }

  private drain(): void {
    this.running = true;
    let failure: unknown;
    let failed = false;
    while (this.head < this.queue.length) {
      const task = this.queue[this.head] as () => void;
      this.queue[this.head] = noop;
      this.head++;
      // One failing task must not starve the others of their events.
      try {
        task();
      } catch (e) {
        if (!failed) {
          failed = true;
          failure = e;
        }
      }
    }
    this.queue.length = 0;
    this.head = 0;
    this.running = false;
    if (failed) throw failure;
  }
}

function noop(): void {}
