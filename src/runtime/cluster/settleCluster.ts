import type { Store } from '../../store/storeTypes.ts';
import type { ActivityTracker } from '../activity.ts';
import type { Clock } from '../sim/clock.ts';
import { drainMicrotasks, sleepReal } from '../sim/drain.ts';
import { VirtualClock } from '../sim/virtualClock.ts';
import type { SettleOptions, SettleResult } from './clusterTypes.ts';

/** Resources whose writes do not count as change for settling (heartbeats and the event log). */
export const BACKGROUND_RESOURCES: ReadonlySet<string> = new Set(['coordination.k8s.io/leases', 'events', 'events.k8s.io/events']);

/**
 * Tracks when the store last changed in a way that matters (not a Lease renewal, not an Event).
 * @internal
 */
export function trackChanges(store: Store, clock: Clock): { lastChangeAt(): number; changes(): number; stop(): void } {
  let last = clock.now();
  let n = 0;
  const stop = store.subscribe((e) => {
    if (BACKGROUND_RESOURCES.has(e.resource)) return;
    last = clock.now();
    n++;
  });
  return { lastChangeAt: () => last, changes: () => n, stop };
}

/** Lets microtasks run until no component has work left or nothing more happens. */
export async function drain(activity: ActivityTracker, clock: Clock): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    await drainMicrotasks();
    if (clock instanceof VirtualClock && clock.runDue() > 0) continue;
    if (activity.pending() === 0) return;
    // Work that waits on nothing but more microtasks keeps draining; work waiting on a timer is left to the caller.
    const before = activity.pending();
    await drainMicrotasks();
    if (activity.pending() === before && !(clock instanceof VirtualClock && clock.runDue() > 0)) return;
  }
}

/**
 * Moves virtual time by `ms`, timer by timer, draining the microtasks each timer starts before
 * the next one fires (so promise-based components react at the right cluster time).
 * @internal
 */
export async function advanceCluster(clock: Clock, activity: ActivityTracker, ms: number): Promise<void> {
  if (!(clock instanceof VirtualClock)) {
    await sleepReal(ms / ((clock as { speed?: number }).speed ?? 1));
    return;
  }
  const target = clock.now() + ms;
  await drain(activity, clock);
  for (;;) {
    const next = clock.nextTimerAt();
    if (next === undefined || next > target) break;
    clock.advanceTo(Math.max(next, clock.now()));
    await drain(activity, clock);
  }
  clock.advanceTo(target);
  await drain(activity, clock);
}

/**
 * Runs the cluster until it is quiet: no queued work, and no object changed (Lease renewals and
 * Events aside) for `quietMs` of cluster time; or gives up after `timeoutMs` and says what is pending.
 * @internal
 */
export async function settleCluster(
  clock: Clock,
  activity: ActivityTracker,
  changes: { lastChangeAt(): number },
  describePending: () => string[],
  opts: SettleOptions = {},
): Promise<SettleResult> {
  const quietMs = opts.quietMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const start = clock.now();
  const deadline = start + timeoutMs;
  await drain(activity, clock);
  for (;;) {
    const now = clock.now();
    const busy = activity.pending() > 0;
    if (!busy && now - changes.lastChangeAt() >= quietMs) return { settled: true, elapsedMs: now - start, pending: [] };
    if (now >= deadline) {
      const pending = [...activity.busy().map((b) => `${b.name}: ${b.pending} item(s) of work outstanding`), ...describePending()];
      return { settled: false, elapsedMs: now - start, pending: pending.length > 0 ? pending : [`objects still changing (last change at +${changes.lastChangeAt() - start} ms)`] };
    }
    if (!(clock instanceof VirtualClock)) {
      await sleepReal(50);
      continue;
    }
    const quietAt = busy ? deadline : changes.lastChangeAt() + quietMs;
    const next = clock.nextTimerAt();
    const step = Math.min(next ?? deadline, quietAt, deadline);
    clock.advanceTo(Math.max(step, now));
    await drain(activity, clock);
  }
}
