import type { KubeObject } from '../../api/meta.ts';
import { controllerOf } from '../../api/meta.ts';
import type { InvariantFactory } from '../harnessTypes.ts';
import { isActive } from './invariantHelpers.ts';

/** Options of {@link onePodPerOrdinal}. */
export interface OrdinalOptions {
  /** The ordinal of a pod (default: the `apps.kubernetes.io/pod-index` label, else the name's last `-N`). */
  readonly ordinalOf?: (pod: KubeObject) => number | undefined;
}

const defaultOrdinal = (pod: KubeObject): number | undefined => {
  const label = pod.metadata?.labels?.['apps.kubernetes.io/pod-index'];
  const m = label !== undefined ? /^(\d+)$/.exec(label) : /-(\d+)$/.exec(pod.metadata?.name ?? '');
  return m?.[1] !== undefined ? Number(m[1]) : undefined;
};

/**
 * At most one active pod per (controller owner, ordinal) — StatefulSet identity — checked when a
 * pod is created.
 * @public
 */
export function onePodPerOrdinal(options: OrdinalOptions = {}): InvariantFactory {
  const ordinalOf = options.ordinalOf ?? defaultOrdinal;
  return () => ({
    name: 'one pod per ordinal',
    onChange(change, view) {
      if (change.type !== 'ADDED' || change.object.kind !== 'Pod') return undefined;
      const owner = controllerOf(change.object);
      const ordinal = ordinalOf(change.object);
      if (owner === undefined || ordinal === undefined) return undefined;
      const same = view
        .list('Pod', change.object.metadata?.namespace)
        .filter((p) => isActive(p) && controllerOf(p)?.uid === owner.uid && ordinalOf(p) === ordinal);
      if (same.length > 1) return `${owner.kind}/${owner.name} has ${same.length} active pods with ordinal ${ordinal}: ${same.map((p) => p.metadata?.name).join(', ')}`;
      return undefined;
    },
  });
}
