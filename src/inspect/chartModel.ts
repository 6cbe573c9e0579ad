import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { formatDelay } from './formatDelay.ts';

/** A transition of a chart, as the exporters and the inspector page draw it. */
export interface ChartTransition {
  /** Path of the source state (`''` for the root). */
  readonly source: string;
  /** Paths of the target states; empty for a targetless transition (actions only). */
  readonly targets: readonly string[];
  /** `event` (an `on` handler), `after` (a delay) or `always` (eventless). */
  readonly kind: 'event' | 'after' | 'always';
  /** The event type (`''` for `always`; XState's `xstate.after.…` name for a delay). */
  readonly event: string;
  /** The delay of an `after` transition: ms, or the name of a delay the machine implements. */
  readonly delay?: number | string;
  /** The name of the delay when the machine implements it as a constant (`delay` then holds the ms). */
  readonly delayName?: string;
  readonly guard?: string;
  readonly reenter: boolean;
  /** Names of the transition's actions. */
  readonly actions: readonly string[];
  /** `event [guard]`, `after 10s [guard]`, `always [guard]`. */
  readonly label: string;
}

/** A state of a chart. */
export interface ChartState {
  /** Keys from the root joined with `.` (`''` for the root): the same paths as a snapshot's state value. */
  readonly path: string;
  readonly key: string;
  /** The XState id (`machine.state.child`, or a custom `id`). */
  readonly id: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** For a history state: which history it keeps. */
  readonly history?: 'shallow' | 'deep';
  /** Path of the initial child of a compound state. */
  readonly initial?: string;
  readonly children: readonly ChartState[];
  readonly transitions: readonly ChartTransition[];
  /** Notes: invoked actors (`invoke wiring`) and actors spawned by entry actions (`spawn worker`). */
  readonly notes: readonly string[];
  readonly description?: string;
  readonly tags: readonly string[];
}

/** A machine as plain data: every state node (nested and parallel), every transition, JSON-serializable. */
export interface Chart {
  readonly id: string;
  readonly root: ChartState;
}

interface TransitionLike {
  readonly target?: readonly AnyStateNode[] | undefined;
  readonly guard?: unknown;
  readonly reenter?: boolean;
  readonly actions?: readonly unknown[];
  readonly eventType: string;
  readonly delay?: unknown;
}

const pathOf = (n: AnyStateNode): string => n.path.join('.');

function nameOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'function') {
    const t = (x as { type?: unknown }).type;
    if (typeof t === 'string' && !t.startsWith('xstate.')) return t;
    const named = (x as { name?: string }).name;
    return named !== undefined && named !== '' && named !== 'anonymous' ? named : undefined;
  }
  if (x !== null && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string') return (x as { type: string }).type;
  return undefined;
}

/** A readable name for a guard: its `type`, a function's name, `and(a, b)` for the built-in combinators, or `guard`. */
export function guardName(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'function') {
    const g = guard as { check?: unknown; guards?: readonly unknown[]; name?: string };
    if (Array.isArray(g.guards)) {
      const op = g.name === 'and' || g.name === 'or' || g.name === 'not' ? g.name : 'and';
      return `${op}(${g.guards.map((x) => guardName(x) ?? 'guard').join(', ')})`;
    }
    if (g.check !== undefined && g.name === 'stateIn') return 'stateIn';
  }
  return nameOf(guard) ?? 'guard';
}

function actionNames(actions: readonly unknown[] | undefined): string[] {
  const out: string[] = [];
  for (const a of actions ?? []) {
    const n = nameOf(a);
    if (n !== undefined) out.push(n);
  }
  return out;
}

type Delays = Readonly<Record<string, unknown>>;

// A named delay the machine implements as a constant is drawn as that constant.
function resolveDelay(delay: unknown, delays: Delays): number | string | undefined {
  if (typeof delay === 'number') return delay;
  if (typeof delay !== 'string') return undefined;
  const impl = delays[delay];
  return typeof impl === 'number' ? impl : delay;
}

function transitionOf(source: AnyStateNode, t: TransitionLike, kind: ChartTransition['kind'], delays: Delays): ChartTransition {
  const guard = guardName(t.guard);
  const delay = resolveDelay(t.delay, delays);
  const head = kind === 'always' ? 'always' : kind === 'after' ? `after ${formatDelay(delay ?? '?')}` : t.eventType;
  return {
    source: pathOf(source),
    targets: (t.target ?? []).map(pathOf),
    kind,
    event: kind === 'always' ? '' : t.eventType,
    ...(delay !== undefined ? { delay } : {}),
    ...(typeof t.delay === 'string' && typeof delay === 'number' ? { delayName: t.delay } : {}),
    ...(guard !== undefined ? { guard } : {}),
    reenter: t.reenter === true,
    actions: actionNames(t.actions),
    label: guard === undefined ? head : `${head} [${guard}]`,
  };
}

function notesOf(node: AnyStateNode): string[] {
  const notes: string[] = [];
  for (const inv of node.invoke) {
    const src = typeof inv.src === 'string' ? inv.src : (inv.id ?? 'actor');
    notes.push(inv.id !== undefined && inv.id !== src ? `invoke ${src} (as ${inv.id})` : `invoke ${src}`);
  }
  for (const a of node.entry as readonly unknown[]) {
    if (typeof a === 'function' && (a as { type?: unknown }).type === 'xstate.spawnChild') {
      const s = a as { id?: unknown; src?: unknown };
      notes.push(`spawn ${typeof s.src === 'string' ? s.src : typeof s.id === 'string' ? s.id : 'actor'}`);
    }
  }
  return notes;
}

function stateOf(node: AnyStateNode, delays: Delays): ChartState {
  const transitions: ChartTransition[] = [];
  for (const list of node.transitions.values()) {
    for (const t of list as readonly TransitionLike[]) transitions.push(transitionOf(node, t, t.delay !== undefined ? 'after' : 'event', delays));
  }
  for (const t of (node.always ?? []) as readonly TransitionLike[]) transitions.push(transitionOf(node, t, 'always', delays));
  const initialTarget = node.type === 'compound' ? (node.initial.target as readonly AnyStateNode[] | undefined)?.[0] : undefined;
  return {
    path: pathOf(node),
    key: node.key,
    id: node.id,
    type: node.type,
    ...(node.type === 'history' ? { history: node.history === 'deep' ? 'deep' : 'shallow' } : {}),
    ...(initialTarget !== undefined ? { initial: pathOf(initialTarget) } : {}),
    children: Object.values(node.states as Record<string, AnyStateNode>).map((c) => stateOf(c, delays)),
    transitions,
    notes: notesOf(node),
    ...(node.description !== undefined ? { description: node.description } : {}),
    tags: [...node.tags],
  };
}

/** Reads a machine definition (`machine.root`) into a {@link Chart}. Pure: nothing runs. */
export function chartOf(machine: AnyStateMachine): Chart {
  const delays = (machine.implementations as { delays?: Delays }).delays ?? {};
  return { id: machine.id, root: stateOf(machine.root, delays) };
}

/** Every state of a chart, depth first, root first. */
export function chartStates(chart: Chart): ChartState[] {
  const out: ChartState[] = [];
  const walk = (s: ChartState): void => {
    out.push(s);
    s.children.forEach(walk);
  };
  walk(chart.root);
  return out;
}

/** The paths of the states a state value stands for, ancestors included (`{ a: 'b' }` → `['a', 'a.b']`). */
export function activePaths(value: unknown, prefix = ''): string[] {
  const join = (k: string): string => (prefix === '' ? k : `${prefix}.${k}`);
  if (typeof value === 'string') return [join(value)];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [join(k), ...activePaths(v, join(k))]);
}
