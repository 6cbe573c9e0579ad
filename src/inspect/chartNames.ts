import type { Chart, ChartState, ChartTransition } from './chartModel.ts';
import { chartStates } from './chartModel.ts';

/**
 * Unique identifiers for every state path of a chart, made of `[A-Za-z0-9_]` only and starting with
 * a letter (Mermaid, Graphviz and XML ids all accept them): `active.phase` → `active_phase`.
 * `_` is doubled and other characters become `_xHH_`, so distinct paths never collide.
 */
export function sanitizedNames(chart: Chart, prefix = 's_'): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of chartStates(chart)) {
    if (s.path === '') continue;
    const body = s.path.replace(/[^A-Za-z0-9.]/g, (c) => (c === '_' ? '__' : `_x${c.charCodeAt(0).toString(16)}_`)).replaceAll('.', '_');
    names.set(s.path, /^[A-Za-z]/.test(body) ? body : `${prefix}${body}`);
  }
  return names;
}

/** The path of the closest state that contains every given path (`''` is the root). */
export function commonAncestor(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((p) => (p === '' ? [] : p.split('.')));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return first.slice(0, n).join('.');
}

/** The path of the compound/parallel state a transition is drawn in: the closest state strictly containing source and targets. */
export function transitionScope(t: ChartTransition): string {
  const lca = commonAncestor([t.source, ...t.targets]);
  // A transition from a state to itself or to its own child is drawn beside that state, in its parent.
  if (lca === t.source || t.targets.includes(lca)) return lca.includes('.') ? lca.slice(0, lca.lastIndexOf('.')) : '';
  return lca;
}

/** Every transition of a chart, depth first. */
export function chartTransitions(chart: Chart): ChartTransition[] {
  return chartStates(chart).flatMap((s: ChartState) => s.transitions);
}
