import type { SchedulerLike } from 'rxjs';

/** Opaque handle returned by {@link Clock.setTimeout}. */
export type TimerId = number & { readonly __brand: 'TimerId' };

/**
 * The one source of time in a cluster. Structurally usable as XState's `clock` actor option
 * (`createActor(logic, { clock })`) and, through {@link Clock.scheduler}, as an RxJS scheduler.
 * @public
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock's timeline. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId | undefined): void;
  /** An RxJS scheduler on the same timeline (for `delay`, `timer`, `debounceTime` …). */
  readonly scheduler: SchedulerLike;
  /** `'virtual'` when time only moves through {@link VirtualClock.advance}. */
  readonly kind: 'virtual' | 'real';
}
