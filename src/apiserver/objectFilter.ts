import type { KubeObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { matchesLabels, parseLabelSelector } from '../api/labelSelector.ts';
import { fieldSelectorMatcher, parseFieldSelector } from '../api/fieldSelector.ts';

/** A compiled list/watch filter: namespace, label selector and field selector. */
export type ObjectFilter = (obj: KubeObject) => boolean;

/** Compiles the namespace and selectors of a list or watch into one predicate (throws 400 on bad selectors). */
export function compileFilter(info: ResourceInfo, opts: { namespace?: string | undefined; labelSelector?: string | undefined; fieldSelector?: string | undefined }): ObjectFilter {
  const ns = info.namespaced && opts.namespace ? opts.namespace : undefined;
  const selector = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : undefined;
  const labels = selector === undefined ? undefined : (l: Record<string, string> | undefined): boolean => matchesLabels(selector, l);
  const fields = opts.fieldSelector ? fieldSelectorMatcher(info.kind, parseFieldSelector(opts.fieldSelector)) : undefined;
  if (ns === undefined && labels === undefined && fields === undefined) return () => true;
  return (obj) =>
    (ns === undefined || obj.metadata?.namespace === ns) &&
    (labels === undefined || labels(obj.metadata?.labels)) &&
    (fields === undefined || fields(obj));
}
