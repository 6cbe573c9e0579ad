// PrioritySort (upstream plugins/queuesort): higher `spec.priority` first, then earlier queue time.
import type { Plugin, QueueSortItem } from '../framework.ts';
import { podPriority } from '../podInfo.ts';

/** The plugin name. */
export const PRIORITY_SORT = 'PrioritySort';

/** Whether `a` should be popped before `b`. */
export function prioritySortLess(a: QueueSortItem, b: QueueSortItem): boolean {
  const pa = podPriority(a.pod);
  const pb = podPriority(b.pod);
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
}

/** Creates the PrioritySort plugin. */
export function prioritySort(): Plugin {
  return { name: PRIORITY_SORT, less: prioritySortLess };
}
