import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import { canonicalJson } from './templateHash.ts';

/**
 * Upstream `getPatch` (daemon/update.go): the data a DaemonSet's ControllerRevision stores, a
 * strategic merge patch that restores its pod template: `{"spec":{"template":{…,"$patch":"replace"}}}`.
 */
export function daemonSetRevisionData(ds: DaemonSet): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(structuredClone(ds.spec?.template ?? {}) as Record<string, unknown>), $patch: 'replace' } } };
}

/** Upstream `Match`: the revision stores exactly the DaemonSet's current template. */
export function revisionMatches(ds: DaemonSet, revision: ControllerRevision): boolean {
  return canonicalJson(daemonSetRevisionData(ds)) === canonicalJson(revision.data ?? null);
}

/** Upstream `maxRevision`: the highest revision number (0 for none). */
export function maxRevisionNumber(revisions: readonly ControllerRevision[]): number {
  return revisions.reduce((m, r) => Math.max(m, r.revision), 0);
}
