import type { AnyStateMachine } from 'xstate';
import { chartOf, chartStates } from './chartModel.ts';
import type { Chart, ChartState, ChartTransition } from './chartModel.ts';
import { chartTransitions, transitionScope } from './chartNames.ts';
import { sanitizedNames } from './chartNames.ts';

// Mermaid reads `:`, `;`, `#`, `{`, `}` and quotes in labels as syntax; `<`/`>` as HTML.
const text = (s: string): string => s.replace(/[:;#{}"<>]/g, ' ').replace(/\s+/g, ' ').trim();

interface Edge {
  readonly t: ChartTransition;
  readonly target: string;
  readonly scope: string;
}

interface Ctx {
  readonly names: ReadonlyMap<string, string>;
  /** Pseudo-states `(any)` standing for "in any substate of" a compound state with transitions into itself. */
  readonly anyNames: ReadonlyMap<string, string>;
  readonly byScope: ReadonlyMap<string, readonly Edge[]>;
  readonly out: string[];
}

const nameOf = (ctx: Ctx, path: string): string => ctx.names.get(path) ?? path;
const inside = (path: string, ancestor: string): boolean => ancestor === '' || path.startsWith(`${ancestor}.`);
const depth = (path: string): number => (path === '' ? 0 : path.split('.').length);
const keyOf = (path: string): string => path.slice(path.lastIndexOf('.') + 1);
// The child of `scope` that holds `path` (Mermaid draws an edge only between states of one composite).
const lift = (path: string, scope: string): string => path.split('.').slice(0, depth(scope) + 1).join('.');

/**
 * Where Mermaid can draw a transition to one target: in the closest composite holding both ends,
 * between the children of that composite that hold them (the label then names the real ends), and
 * — since Mermaid cannot join a composite to a state inside it — a transition of a compound state
 * into its own substates starts from the compound's `(any)` pseudo-state.
 */
function placeEdge(t: ChartTransition, target: string, parallel: ReadonlySet<string>): Edge {
  if (t.source !== '' && inside(target, t.source)) return { t, target, scope: t.source };
  let scope = transitionScope({ ...t, targets: [target] });
  while (parallel.has(scope)) scope = scope.includes('.') ? scope.slice(0, scope.lastIndexOf('.')) : '';
  return { t, target, scope };
}

function edges(ctx: Ctx, list: readonly Edge[], indent: string): void {
  for (const { t, target, scope } of list) {
    const fromAny = inside(target, t.source);
    const from = fromAny ? t.source : lift(t.source, scope);
    const to = lift(target, scope);
    const label = `${t.label}${!fromAny && from !== t.source ? ` from ${keyOf(t.source)}` : ''}${to !== target ? ` to ${keyOf(target)}` : ''}`;
    ctx.out.push(`${indent}${fromAny ? (ctx.anyNames.get(t.source) ?? '') : nameOf(ctx, from)} --> ${nameOf(ctx, to)} : ${text(label)}`);
  }
}

function noteText(s: ChartState): string | undefined {
  const internal = s.transitions.filter((t) => t.targets.length === 0).map((t) => t.label);
  const lines = [...s.notes, ...(internal.length > 0 ? [`internal ${internal.join(', ')}`] : [])];
  return lines.length > 0 ? text(lines.join(' | ')) : undefined;
}

function notes(ctx: Ctx, s: ChartState, indent: string): void {
  const note = noteText(s);
  if (note !== undefined) ctx.out.push(`${indent}note right of ${nameOf(ctx, s.path)} : ${note}`);
}

function body(ctx: Ctx, s: ChartState, indent: string): void {
  const scoped = ctx.byScope.get(s.path) ?? [];
  if (s.type === 'parallel') {
    s.children.forEach((region, i) => {
      if (i > 0) ctx.out.push(`${indent}--`);
      state(ctx, region, indent);
      // A transition drawn in a parallel state goes in the region its source is in.
      edges(ctx, scoped.filter((e) => e.t.source === region.path || inside(e.t.source, region.path)), indent);
    });
    return;
  }
  if (s.initial !== undefined) ctx.out.push(`${indent}[*] --> ${nameOf(ctx, s.initial)}`);
  const any = ctx.anyNames.get(s.path);
  if (any !== undefined) ctx.out.push(`${indent}state "(any)" as ${any}`);
  for (const child of s.children) state(ctx, child, indent);
  edges(ctx, scoped, indent);
  for (const child of s.children) if (child.type === 'final') ctx.out.push(`${indent}${nameOf(ctx, child.path)} --> [*]`);
}

function state(ctx: Ctx, s: ChartState, indent: string): void {
  const name = nameOf(ctx, s.path);
  if (name !== s.key) ctx.out.push(`${indent}state "${text(s.key)}" as ${name}`);
  if (s.children.length > 0) {
    ctx.out.push(`${indent}state ${name} {`);
    body(ctx, s, `${indent}  `);
    ctx.out.push(`${indent}}`);
  } else if (name === s.key) {
    ctx.out.push(`${indent}${name}`);
  }
  notes(ctx, s, indent);
}

/** Mermaid text of a {@link Chart} (see {@link toMermaid}). */
export function chartToMermaid(chart: Chart): string {
  const parallel = new Set(chartStates(chart).filter((s) => s.type === 'parallel').map((s) => s.path));
  const byScope = new Map<string, Edge[]>();
  for (const t of chartTransitions(chart)) {
    for (const target of t.targets) {
      const edge = placeEdge(t, target, parallel);
      byScope.set(edge.scope, [...(byScope.get(edge.scope) ?? []), edge]);
    }
  }
  const names = new Map(sanitizedNames(chart));
  // State names that are Mermaid keywords get a prefix.
  for (const [path, name] of names) if (/^(state|note|direction|end|as|class|classDef|style|click)$/i.test(name)) names.set(path, `s_${name}`);
  const used = new Set(names.values());
  const anyNames = new Map<string, string>();
  for (const t of chartTransitions(chart)) {
    if (anyNames.has(t.source) || !t.targets.some((x) => inside(x, t.source))) continue;
    let any = `${t.source === '' ? 'machine' : (names.get(t.source) ?? t.source)}_any`;
    while (used.has(any)) any = `x${any}`;
    used.add(any);
    anyNames.set(t.source, any);
  }
  const ctx: Ctx = { names, anyNames, byScope, out: ['stateDiagram-v2', `  %% ${text(chart.id)}: generated from the machine definition`] };
  body(ctx, chart.root, '  ');
  // The machine's own notes (invoked actors) go beside its initial state.
  const rootNote = noteText(chart.root);
  const anchor = chart.root.initial ?? chart.root.children[0]?.path;
  if (rootNote !== undefined && anchor !== undefined) ctx.out.push(`  note left of ${nameOf(ctx, anchor)} : ${text(chart.id)} ${rootNote}`);
  return `${ctx.out.join('\n')}\n`;
}

/**
 * The machine as a Mermaid `stateDiagram-v2`: composite states as `state X { … }`, `[*] --> initial`,
 * final states `--> [*]`, parallel regions separated by `--`, labels `event [guard]`, `after 10s`,
 * `always [guard]`; invoked/spawned actors and targetless transitions as notes. State names are
 * sanitized paths (`active_phase_pending`) labelled with their keys.
 * @public
 */
export function toMermaid(machine: AnyStateMachine): string {
  return chartToMermaid(chartOf(machine));
}
