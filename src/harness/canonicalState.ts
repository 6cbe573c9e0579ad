import type { KubeObject } from '../api/meta.ts';
import type { TypeRef } from '../client/client.ts';
import type { ClusterView } from './harnessTypes.ts';

/** Fields that differ between two runs of the same operations without meaning anything. */
export const NONDETERMINISTIC_FIELDS: readonly string[] = [
  'metadata.uid',
  'metadata.resourceVersion',
  'metadata.creationTimestamp',
  'metadata.deletionTimestamp',
  'metadata.deletionGracePeriodSeconds',
  'metadata.generation',
  'metadata.managedFields',
  'metadata.selfLink',
  'metadata.ownerReferences.*.uid',
  'status.observedGeneration',
];

/** Per kind, fields the simulation itself decides (placement, addresses, runtime state). */
const KIND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec.nodeName', 'status', 'metadata.annotations'],
  Event: ['*'],
};

const TIME_KEY = /(Time|Timestamp)$/;

function matchesPath(path: readonly string[], pattern: readonly string[]): boolean {
  if (pattern.length === 1 && pattern[0] === '*') return true;
  if (path.length < pattern.length) return false;
  return pattern.every((p, i) => p === '*' || p === path[i]);
}

/**
 * The comparable form of the objects of some types: nondeterministic fields removed, names made
 * from `generateName` replaced by `<generateName>*` (everywhere they appear), each object as
 * canonical JSON, sorted. Two runs of the same operations that end in the same state give equal forms.
 * @public
 */
export function canonicalState(view: ClusterView, types: readonly TypeRef[], ignore: readonly string[] = [], namespace?: string): Map<string, string[]> {
  const byType = new Map<string, KubeObject[]>();
  const generated = new Map<string, string>();
  for (const t of types) {
    const items = view.list(t, namespace);
    byType.set(typeof t === 'string' ? t : `${(t as { kind?: string }).kind ?? JSON.stringify(t)}`, items);
    for (const o of items) {
      const g = o.metadata?.generateName;
      const n = o.metadata?.name;
      if (g !== undefined && n !== undefined && n.startsWith(g)) generated.set(n, `${g}*`);
    }
  }
  const patterns = [...NONDETERMINISTIC_FIELDS, ...ignore].map((p) => p.split('.'));
  const out = new Map<string, string[]>();
  for (const [type, items] of byType) {
    const forms = items.map((o) => {
      const kindPatterns = (KIND_FIELDS[o.kind ?? ''] ?? []).map((p) => p.split('.'));
      return JSON.stringify(clean(o, [], [...patterns, ...kindPatterns], generated));
    });
    out.set(type, forms.sort());
  }
  return out;
}

function clean(value: unknown, path: string[], patterns: readonly (readonly string[])[], generated: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const exact = generated.get(value);
    if (exact !== undefined) return exact;
    for (const [name, mask] of generated) if (value.includes(name)) return value.split(name).join(mask);
    return value;
  }
  if (Array.isArray(value)) {
    const items = value.map((v, i) => clean(v, [...path, String(i)], patterns, generated));
    // Lists of names come in creation order, and conditions in the order they changed; both differ between runs.
    if (items.every((x) => typeof x === 'string')) return [...items].sort();
    if (items.every((x) => x !== null && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string')) {
      return [...items].sort((a, b) => (a as { type: string }).type.localeCompare((b as { type: string }).type));
    }
    return items;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const p = [...path, key];
    if (TIME_KEY.test(key) || patterns.some((pat) => pat.length === p.length && matchesPath(p, pat)) || patterns.some((pat) => pat.length < p.length && pat[0] === '*' && pat.length === 1)) continue;
    out[key] = clean((value as Record<string, unknown>)[key], p, patterns, generated);
  }
  return out;
}

/** Says how two canonical states differ (first few differences), or undefined when equal. */
export function diffCanonical(actual: ReadonlyMap<string, readonly string[]>, reference: ReadonlyMap<string, readonly string[]>): string | undefined {
  const lines: string[] = [];
  for (const [type, items] of actual) {
    const ref = reference.get(type) ?? [];
    const extra = multisetMinus(items, ref);
    const missing = multisetMinus(ref, items);
    if (extra.length === 0 && missing.length === 0) continue;
    lines.push(`${type}: ${items.length} in this run, ${ref.length} in the reference run`);
    for (const e of extra.slice(0, 2)) lines.push(`  only here:      ${e}`);
    for (const m of missing.slice(0, 2)) lines.push(`  only reference: ${m}`);
  }
  return lines.length === 0 ? undefined : lines.join('\n');
}

function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const c = counts.get(x) ?? 0;
    if (c > 0) counts.set(x, c - 1);
    else out.push(x);
  }
  return out;
}
