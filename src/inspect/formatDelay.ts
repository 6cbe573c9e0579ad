import { formatGoDuration } from '../kubelet/goDuration.ts';

/** A delay as a chart label: ms as a Go duration (`10s`, `1m30s`, `500ms`), a named delay by its name. */
export function formatDelay(delay: number | string): string {
  return typeof delay === 'number' ? formatGoDuration(delay) : delay;
}
