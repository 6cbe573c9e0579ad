import type { SchedulerLike } from 'rxjs';
import type { Clock, TimerId } from './clock.ts';
import { createClockScheduler } from './clockScheduler.ts';
import { TimerHeap } from './timerHeap.ts';

/** Default start of virtual time: 2025-01-01T00:00:00Z. */
export const DEFAULT_VIRTUAL_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * A clock whose time moves only when told to. Timers live in one binary heap (no recursion, so
 * hundreds of thousands of pending timers are fine); timers due at the same instant fire in the
 * order they were set.
 * @public
 */
export class VirtualClock implements Clock {
  readonly kind = 'virtual' as const;
  readonly scheduler: SchedulerLike;
  private current: number;
  private readonly timers = new TimerHeap();
  private nextId = 1;
  private seq = 0;
  private fired = 0;

  constructor(startMs: number = DEFAULT_VIRTUAL_EPOCH_MS) {
    this.current = startMs;
    this.scheduler = createClockScheduler(this);
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.timers.push({ id, at: this.current + delay, seq: this.seq++, fn });
    return id as TimerId;
  }

  clearTimeout(id: TimerId | undefined): void {
    if (id !== undefined) this.timers.cancel(id);
  }

  /** Number of timers waiting to fire. */
  pendingTimers(): number {
    return this.timers.size;
  }

  /** Total timers fired since creation (a progress measure for `settle`). */
  firedTimers(): number {
    return this.fired;
  }

  /** Due time of the earliest pending timer, if any. */
  nextTimerAt(): number | undefined {
    return this.timers.peek()?.at;
  }

  /**
   * Fires every timer due at or before the current time (timers they set for "now" included).
   * @returns how many timers fired
   */
  runDue(): number {
    return this.runUntil(this.current);
  }

  /**
   * Moves time forward by `ms`, firing timers in order; each timer sees `now()` equal to its due time.
   * @returns how many timers fired
   */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`cannot move virtual time by ${ms} ms`);
    const target = this.current + ms;
    const n = this.runUntil(target);
    this.current = target;
    return n;
  }

  /** Moves time to `ms` since the epoch (never backwards). */
  advanceTo(ms: number): number {
    if (ms < this.current) throw new RangeError('Unable to travel back in time');
    return this.advance(ms - this.current);
  }

  /**
   * Jumps to the earliest pending timer and fires everything due then.
   * @returns false when no timer is pending
   */
  jumpToNextTimer(): boolean {
    const at = this.nextTimerAt();
    if (at === undefined) return false;
    this.advanceTo(Math.max(at, this.current));
    return true;
  }

  /** Cancels every pending timer. */
  clear(): void {
    this.timers.clear();
  }

  private runUntil(target: number): number {
    let n = 0;
    for (;;) {
      const next = this.timers.peek();
      if (next === undefined || next.at > target) break;
      this.timers.pop();
      if (next.at > this.current) this.current = next.at;
      this.fired++;
      n++;
      next.fn();
    }
    return n;
  }
}
