import type { KubeObject } from '../../api/meta.ts';

/** Not being deleted, and (for pods) not finished. @internal */
export function isActive(o: KubeObject): boolean {
  if (o.metadata?.deletionTimestamp !== undefined) return false;
  const phase = (o as { status?: { phase?: string } }).status?.phase;
  return !(o.kind === 'Pod' && (phase === 'Succeeded' || phase === 'Failed'));
}

/** `Kind namespace/name`. @internal */
export function describeObject(o: KubeObject): string {
  return `${o.kind ?? ''} ${o.metadata?.namespace !== undefined ? `${o.metadata.namespace}/` : ''}${o.metadata?.name ?? ''}`;
}
