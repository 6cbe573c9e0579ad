import type { AnyStateMachine } from 'xstate';
import { chartOf } from './chartModel.ts';
import type { Chart, ChartState, ChartTransition } from './chartModel.ts';

/** A JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One transition in machine-config form. */
interface TransitionJson {
  target?: string[];
  guard?: string;
  actions?: string[];
  reenter?: boolean;
  [key: string]: Json | undefined;
}

function idIndex(chart: Chart): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (s: ChartState): void => {
    ids.set(s.path, s.id);
    s.children.forEach(walk);
  };
  walk(chart.root);
  return ids;
}

function transitionJson(t: ChartTransition, ids: ReadonlyMap<string, string>): TransitionJson {
  const out: TransitionJson = {};
  // `#id` targets resolve the same wherever the transition sits, so the config round-trips.
  if (t.targets.length > 0) out.target = t.targets.map((p) => `#${ids.get(p) ?? p}`);
  if (t.guard !== undefined) out.guard = t.guard;
  if (t.actions.length > 0) out.actions = [...t.actions];
  if (t.reenter) out.reenter = true;
  return out;
}

function group(list: readonly ChartTransition[], keyOf: (t: ChartTransition) => string, ids: ReadonlyMap<string, string>): Record<string, TransitionJson[]> {
  const out: Record<string, TransitionJson[]> = {};
  for (const t of list) (out[keyOf(t)] ??= []).push(transitionJson(t, ids));
  return out;
}

// Named delays the machine implements as constants: `createMachine(json, { delays: json.meta.delays })` keeps them.
function constantDelays(root: ChartState): { [name: string]: number } {
  const out: { [name: string]: number } = {};
  const walk = (s: ChartState): void => {
    for (const t of s.transitions) if (t.delayName !== undefined && typeof t.delay === 'number') out[t.delayName] = t.delay;
    s.children.forEach(walk);
  };
  walk(root);
  return out;
}

function stateJson(s: ChartState, ids: ReadonlyMap<string, string>, isRoot: boolean): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  if (isRoot || s.id !== (s.path === '' ? s.key : `${ids.get('') ?? ''}.${s.path}`)) out['id'] = s.id;
  if (s.type === 'parallel' || s.type === 'final' || s.type === 'history') out['type'] = s.type;
  if (s.initial !== undefined) out['initial'] = s.initial.split('.').at(-1) ?? s.initial;
  if (s.description !== undefined) out['description'] = s.description;
  if (s.tags.length > 0) out['tags'] = [...s.tags];
  const on = group(s.transitions.filter((t) => t.kind === 'event'), (t) => t.event, ids);
  if (Object.keys(on).length > 0) out['on'] = on as Json;
  const after = group(s.transitions.filter((t) => t.kind === 'after'), (t) => t.delayName ?? String(t.delay ?? t.event), ids);
  if (Object.keys(after).length > 0) out['after'] = after as Json;
  const always = s.transitions.filter((t) => t.kind === 'always').map((t) => transitionJson(t, ids));
  if (always.length > 0) out['always'] = always as Json;
  const delays = isRoot ? constantDelays(s) : {};
  if (s.notes.length > 0 || Object.keys(delays).length > 0) out['meta'] = { ...(s.notes.length > 0 ? { notes: [...s.notes] } : {}), ...(Object.keys(delays).length > 0 ? { delays } : {}) };
  if (s.children.length > 0) out['states'] = Object.fromEntries(s.children.map((c) => [c.key, stateJson(c, ids, false)]));
  return out;
}

/**
 * The machine's definition as a JSON machine config (`createMachine(toXStateJson(m))` builds the same
 * chart; pass `{ delays: json.meta.delays }` as implementations for named constant delays): nested and
 * parallel states, initial and final states, `on`, `after` (keyed by ms or by the delay's name), `always`,
 * guards and actions by name, `#id` targets. Invoked and spawned actors are listed under `meta.notes`
 * (their logic is code, not data); named delays with constant values under the root's `meta.delays`.
 * @public
 */
export function toXStateJson(machine: AnyStateMachine): { [key: string]: Json } {
  const chart = chartOf(machine);
  return stateJson(chart.root, idIndex(chart), true);
}
