import type { SchedulerLike } from 'rxjs';
import type { Clock, TimerId } from './clock.ts';
import { createClockScheduler } from './clockScheduler.ts';

/**
 * Wall-clock time, optionally sped up: with `speed: 10`, ten cluster seconds pass per real second.
 * Cluster time starts at `startMs` (default: the real time at creation).
 * @public
 */
export class RealClock implements Clock {
  readonly kind = 'real' as const;
  readonly scheduler: SchedulerLike;
  private readonly realStart = Date.now();
  private readonly clusterStart: number;
  private readonly handles = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 1;
  private readonly options: { readonly speed?: number; readonly startMs?: number };

  constructor(options: { readonly speed?: number; readonly startMs?: number } = {}) {
    this.options = options;
    this.clusterStart = options.startMs ?? this.realStart;
    this.scheduler = createClockScheduler(this);
  }

  get speed(): number {
    return this.options.speed ?? 1;
  }

  now(): number {
    return this.clusterStart + (Date.now() - this.realStart) * this.speed;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    const handle = setTimeout(() => {
      this.handles.delete(id);
      fn();
    }, Math.max(0, ms) / this.speed);
    this.handles.set(id, handle);
    return id as TimerId;
  }

  clearTimeout(id: TimerId | undefined): void {
    if (id === undefined) return;
    const handle = this.handles.get(id);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(id);
  }

  /** Number of timers waiting to fire. */
  pendingTimers(): number {
    return this.handles.size;
  }

  /** Cancels every pending timer. */
  clear(): void {
    for (const h of this.handles.values()) clearTimeout(h);
    this.handles.clear();
  }
}
