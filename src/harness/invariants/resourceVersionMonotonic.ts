import type { InvariantFactory } from '../harnessTypes.ts';

/**
 * Every committed change carries a larger revision than the one before it, and each object's
 * resourceVersion strictly increases from one write to the next (what watch resumption relies on).
 * @public
 */
export function resourceVersionMonotonic(): InvariantFactory {
  return () => {
    let lastRevision = 0;
    return {
      name: 'resourceVersion strictly increases',
      onChange(change) {
        if (change.revision <= lastRevision) return `revision ${change.revision} committed after ${lastRevision}`;
        lastRevision = change.revision;
        const before = Number(change.prev?.metadata?.resourceVersion ?? 0);
        const after = Number(change.object.metadata?.resourceVersion ?? 0);
        if (change.type !== 'ADDED' && after <= before) return `${change.resource} ${change.key}: resourceVersion went from ${before} to ${after}`;
        return undefined;
      },
    };
  };
}
