import { Subscription } from 'rxjs';
import type { SchedulerAction, SchedulerLike } from 'rxjs';
import type { Clock, TimerId } from './clock.ts';

/**
 * Builds an RxJS {@link SchedulerLike} whose delays are timers on `clock`, so RxJS operators such as
 * `delay` or `timer` run on cluster time.
 * @internal
 */
export function createClockScheduler(clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>): SchedulerLike {
  const scheduler: SchedulerLike = {
    now: () => clock.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
      let timer: TimerId | undefined;
      const subscription = new Subscription(() => clock.clearTimeout(timer));
      const action = Object.assign(subscription, {
        schedule(nextState?: T, nextDelay = 0): Subscription {
          clock.clearTimeout(timer);
          timer = clock.setTimeout(() => run(nextState), nextDelay);
          return action;
        },
      }) as SchedulerAction<T>;
      const run = (s: T | undefined): void => {
        timer = undefined;
        if (!action.closed) work.call(action, s);
      };
      timer = clock.setTimeout(() => run(state), delay);
      return action;
    },
  };
  return scheduler;
}
