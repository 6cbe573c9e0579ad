// Scheduling queue options derived from a profile.
import type { Profile, QueueSortItem } from './framework.ts';
import type { SchedulingQueueOptions } from './schedulingQueue.ts';

/** Queue options taken from a profile: its QueueSort, PreEnqueue plugins and registered events. */
export function queueOptionsForProfile(profile: Profile, now: () => number): SchedulingQueueOptions {
  const sorter = profile.plugins.find((p) => p.plugin.less !== undefined)?.plugin;
  const events = new Map(profile.plugins.filter((p) => p.plugin.events !== undefined).map((p) => [p.plugin.name, p.plugin.events ?? []] as const));
  return {
    now,
    ...(sorter?.less === undefined ? {} : { less: (a: QueueSortItem, b: QueueSortItem) => sorter.less?.(a, b) === true }),
    preEnqueuePlugins: profile.plugins.filter((p) => p.plugin.preEnqueue !== undefined).map((p) => p.plugin),
    eventsByPlugin: events,
  };
}
