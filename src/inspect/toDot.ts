import type { AnyStateMachine } from 'xstate';
import { chartOf } from './chartModel.ts';
import type { Chart, ChartState } from './chartModel.ts';
import { sanitizedNames } from './chartNames.ts';

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

interface Ctx {
  readonly names: ReadonlyMap<string, string>;
  readonly out: string[];
}

// Edges attach to nodes: a compound state is a cluster, so its edges start/end at an invisible anchor
// node inside it and are clipped at the cluster border (`ltail`/`lhead`, with `compound=true`).
const anchor = (ctx: Ctx, s: ChartState): string => (s.children.length > 0 ? `${ctx.names.get(s.path) ?? 'root'}__anchor` : (ctx.names.get(s.path) ?? 'root'));
const cluster = (ctx: Ctx, s: ChartState): string => `cluster_${ctx.names.get(s.path) ?? 'root'}`;

function stateLines(ctx: Ctx, s: ChartState, indent: string): void {
  const name = ctx.names.get(s.path) ?? 'root';
  if (s.children.length === 0) {
    const shape = s.type === 'final' ? ', peripheries=2' : s.type === 'history' ? ', shape=circle' : '';
    ctx.out.push(`${indent}${name} [label=${quote(s.type === 'history' ? 'H' : s.key)}${shape}];`);
  } else {
    ctx.out.push(`${indent}subgraph ${cluster(ctx, s)} {`);
    const inner = `${indent}  `;
    const title = s.path === '' ? s.id : s.key;
    ctx.out.push(`${inner}label=${quote(s.type === 'parallel' ? `${title} (parallel)` : title)};`);
    ctx.out.push(`${inner}style=${s.type === 'parallel' ? '"rounded,dashed"' : 'rounded'};`);
    ctx.out.push(`${inner}${anchor(ctx, s)} [shape=point, style=invis, width=0];`);
    if (s.initial !== undefined) {
      ctx.out.push(`${inner}${name}__initial [shape=point, width=0.12, label=""];`);
      const init = findChild(s, s.initial);
      if (init !== undefined) ctx.out.push(`${inner}${name}__initial -> ${anchor(ctx, init)}${init.children.length > 0 ? ` [lhead=${cluster(ctx, init)}]` : ''};`);
    }
    for (const child of s.children) stateLines(ctx, child, inner);
    ctx.out.push(`${indent}}`);
  }
  if (s.notes.length > 0) {
    ctx.out.push(`${indent}${name}__note [shape=note, fontsize=10, label=${quote(s.notes.join('\n'))}];`);
    ctx.out.push(`${indent}${anchor(ctx, s)} -> ${name}__note [style=dashed, arrowhead=none${s.children.length > 0 ? `, ltail=${cluster(ctx, s)}` : ''}];`);
  }
}

const findChild = (s: ChartState, path: string): ChartState | undefined => s.children.find((c) => c.path === path);

/** Graphviz DOT text of a {@link Chart} (see {@link toDot}). */
export function chartToDot(chart: Chart): string {
  const names = new Map(sanitizedNames(chart));
  for (const [path, name] of names) if (/^(node|edge|graph|digraph|subgraph|strict|root)$/i.test(name)) names.set(path, `s_${name}`);
  const ctx: Ctx = { names, out: [] };
  const byPath = new Map<string, ChartState>();
  const index = (s: ChartState): void => {
    byPath.set(s.path, s);
    s.children.forEach(index);
  };
  index(chart.root);
  ctx.out.push(`digraph ${quote(chart.id)} {`, '  compound=true;', '  rankdir=TB;', '  fontname="Helvetica";', '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];');
  stateLines(ctx, chart.root, '  ');
  for (const s of byPath.values()) {
    // Targetless transitions (actions only) share one dotted self-loop.
    const internal = s.transitions.filter((t) => t.targets.length === 0).map((t) => t.label);
    if (internal.length > 0) ctx.out.push(`  ${anchor(ctx, s)} -> ${anchor(ctx, s)} [label=${quote(internal.join('\n'))}, style=dotted];`);
    for (const t of s.transitions) {
      for (const path of t.targets) {
        const target = byPath.get(path);
        if (target === undefined) continue;
        const attrs = [`label=${quote(t.label)}`];
        // Clipping at a cluster border only makes sense when the other end is outside that cluster.
        const into = path === t.source || t.source === '' || path.startsWith(`${t.source}.`);
        const outOf = path === t.source || path === '' || t.source.startsWith(`${path}.`);
        if (s.children.length > 0 && !into) attrs.push(`ltail=${cluster(ctx, s)}`);
        if (target.children.length > 0 && !outOf) attrs.push(`lhead=${cluster(ctx, target)}`);
        if (t.kind === 'always') attrs.push('style=dashed');
        ctx.out.push(`  ${anchor(ctx, s)} -> ${anchor(ctx, target)} [${attrs.join(', ')}];`);
      }
    }
  }
  ctx.out.push('}');
  return `${ctx.out.join('\n')}\n`;
}

/**
 * The machine as a Graphviz digraph: compound and parallel states are clusters (parallel ones dashed)
 * with an initial point, final states double-bordered, transitions labelled `event [guard]`,
 * `after 10s`, `always [guard]` (`always` dashed, targetless dotted self-loops), invoked and spawned
 * actors as note nodes.
 * @public
 */
export function toDot(machine: AnyStateMachine): string {
  return chartToDot(chartOf(machine));
}
