/** One step of a {@link TimeSchedule}: from `atMs` (time since the container started) the value is `value`. */
export interface ScheduleStep<T> {
  readonly atMs: number;
  readonly value: T;
}

/**
 * A value that changes over a container's life: a step function of the time since the container
 * started. `steps` are sorted by `atMs` and the first is at 0. With `repeat`, the part of the steps
 * from `repeat.fromMs` to `repeat.fromMs + repeat.everyMs` repeats for ever (a flapping readiness,
 * a periodic log line).
 */
export interface TimeSchedule<T> {
  readonly steps: readonly ScheduleStep<T>[];
  readonly repeat?: { readonly fromMs: number; readonly everyMs: number };
}

/** A schedule that always has `value`. */
export function constantSchedule<T>(value: T): TimeSchedule<T> {
  return { steps: [{ atMs: 0, value }] };
}

// Folds a time after `repeat.fromMs` back into the first cycle.
function foldTime(schedule: TimeSchedule<unknown>, tMs: number): number {
  const r = schedule.repeat;
  if (r === undefined || tMs < r.fromMs || r.everyMs <= 0) return tMs;
  return r.fromMs + ((tMs - r.fromMs) % r.everyMs);
}

/** The value of `schedule` at `tMs` after the start (the first step's value before it). */
export function scheduleValueAt<T>(schedule: TimeSchedule<T>, tMs: number): T {
  const t = foldTime(schedule, tMs);
  const steps = schedule.steps;
  let value = (steps[0] as ScheduleStep<T>).value;
  for (const step of steps) {
    if (step.atMs > t) break;
    value = step.value;
  }
  return value;
}

/**
 * The time after which `schedule` never changes again (judged by `same`), or `undefined` when it
 * keeps changing for ever (a repeating part with different values).
 */
export function scheduleSettlesAt<T>(schedule: TimeSchedule<T>, same: (a: T, b: T) => boolean = Object.is): number | undefined {
  const steps = schedule.steps;
  const r = schedule.repeat;
  if (r !== undefined) {
    const cycle = steps.filter((s) => s.atMs >= r.fromMs && s.atMs < r.fromMs + r.everyMs);
    const first = scheduleValueAt(schedule, r.fromMs);
    if (cycle.some((s) => !same(s.value, first))) return undefined;
  }
  let settles = 0;
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1] as ScheduleStep<T>;
    const step = steps[i] as ScheduleStep<T>;
    if (r !== undefined && step.atMs >= r.fromMs + r.everyMs) break;
    if (!same(prev.value, step.value)) settles = step.atMs;
  }
  return settles;
}

/** The earliest step time at which `predicate` holds for the value, or `undefined` if it never does. */
export function firstTimeWhere<T>(schedule: TimeSchedule<T>, predicate: (value: T) => boolean): number | undefined {
  const r = schedule.repeat;
  for (const step of schedule.steps) {
    if (r !== undefined && step.atMs >= r.fromMs + r.everyMs) break;
    if (predicate(step.value)) return step.atMs;
  }
  return undefined;
}
