// Shared NormalizeScore helper (upstream plugins/helper.DefaultNormalizeScore).
import type { NodeScore } from './framework.ts';

/**
 * Scales scores to [0, maxPriority] by the highest score (integer division); `reverse` flips them
 * (maxPriority − score). When every score is 0 they stay 0, or all become maxPriority if `reverse`.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let score = Math.trunc((maxPriority * s.score) / maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
}
