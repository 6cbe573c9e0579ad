import type { AnyStateMachine } from 'xstate';
import { chartOf, chartStates } from './chartModel.ts';
import type { Chart, ChartState, ChartTransition } from './chartModel.ts';
import { el, renderXml } from './xmlElement.ts';
import type { XmlNode } from './xmlElement.ts';

const SCXML_NS = 'http://www.w3.org/2005/07/scxml';

// XML ids are NCNames: letters, digits, `.`, `-`, `_`, not starting with a digit, `.` or `-`.
function xmlIds(chart: Chart): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const s of chartStates(chart)) {
    let id = s.id.replace(/[^A-Za-z0-9._-]/g, '_');
    if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
    while (used.has(id)) id = `${id}_`;
    used.add(id);
    ids.set(s.path, id);
  }
  return ids;
}

/** SCXML delays are CSS2 times: whole milliseconds are exact. */
const cssTime = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

const within = (path: string, ancestor: string): boolean => ancestor === '' || path.startsWith(`${ancestor}.`);

function transitionEl(t: ChartTransition, ids: ReadonlyMap<string, string>): XmlNode {
  const targets = t.targets.map((p) => ids.get(p) ?? p);
  // XState does not re-enter the source when the targets are its descendants: SCXML's `internal`.
  const internal = !t.reenter && t.targets.length > 0 && t.targets.every((p) => p !== t.source && within(p, t.source));
  const children: XmlNode[] = t.actions.length > 0 ? [{ comment: `actions: ${t.actions.join(', ')}` }] : [];
  return el('transition', { event: t.kind === 'always' ? undefined : t.event, cond: t.guard, target: targets.length > 0 ? targets.join(' ') : undefined, type: internal ? 'internal' : undefined }, children);
}

// `after` timers: entering the state sends the delayed event to itself, leaving it cancels the send.
function timers(s: ChartState): { onentry: XmlNode[]; onexit: XmlNode[] } {
  const seen = new Set<string>();
  const onentry: XmlNode[] = [];
  const onexit: XmlNode[] = [];
  for (const t of s.transitions) {
    if (t.kind !== 'after' || seen.has(t.event)) continue;
    seen.add(t.event);
    const delay = typeof t.delay === 'number' ? { delay: cssTime(t.delay) } : { delayexpr: String(t.delay ?? '0') };
    onentry.push(el('send', { event: t.event, id: t.event, ...delay }));
    onexit.push(el('cancel', { sendid: t.event }));
  }
  return { onentry, onexit };
}

function stateEl(s: ChartState, ids: ReadonlyMap<string, string>, parent: ChartState | undefined): XmlNode {
  const id = ids.get(s.path) ?? s.path;
  if (s.type === 'history') {
    const fallback = parent?.initial;
    return el('history', { id, type: s.history ?? 'shallow' }, fallback === undefined ? [] : [el('transition', { target: ids.get(fallback) ?? fallback })]);
  }
  const { onentry, onexit } = timers(s);
  const children: XmlNode[] = [
    ...s.notes.map((n): XmlNode => ({ comment: n })),
    ...(onentry.length > 0 ? [el('onentry', {}, onentry)] : []),
    ...(onexit.length > 0 ? [el('onexit', {}, onexit)] : []),
    ...s.transitions.map((t) => transitionEl(t, ids)),
    ...s.children.map((c) => stateEl(c, ids, s)),
  ];
  if (s.type === 'final') return el('final', { id }, children.filter((c) => 'comment' in c || c.tag === 'onentry' || c.tag === 'onexit'));
  if (s.type === 'parallel') return el('parallel', { id }, children);
  return el('state', { id, initial: s.initial === undefined ? undefined : ids.get(s.initial) }, children);
}

/** SCXML text of a {@link Chart} (see {@link toScxml}). */
export function chartToScxml(chart: Chart): string {
  const ids = xmlIds(chart);
  const root = chart.root;
  // The root state node becomes an SCXML state of its own only when it has what `<scxml>` cannot hold.
  const wrap = root.transitions.length > 0 || root.type === 'parallel';
  const top = wrap ? [stateEl(root, ids, undefined)] : root.children.map((c) => stateEl(c, ids, root));
  const initial = wrap ? ids.get('') : root.initial === undefined ? undefined : ids.get(root.initial);
  const notes: XmlNode[] = [{ comment: `${chart.id}: generated from the machine definition; guards are named predicates (cond), delays are <send delay>` }, ...(wrap ? [] : root.notes.map((n): XmlNode => ({ comment: n })))];
  const doc = el('scxml', { xmlns: SCXML_NS, version: '1.0', name: chart.id, initial, datamodel: 'ecmascript' }, [...notes, ...top]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(doc)}\n`;
}

/**
 * The machine as SCXML 1.0 (`<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" initial=…>`).
 * Mapping: compound state → `<state initial>`; parallel → `<parallel>`; final → `<final>`; history →
 * `<history type>` with a default transition to the parent's initial state; state ids are the XState
 * ids made NCNames. `on` → `<transition event cond target>`, `always` → `<transition cond target>`
 * (eventless), targetless → `<transition>` without `target`, a transition into the source's own
 * substates without `reenter` → `type="internal"`. Guards become `cond` holding the guard's name
 * (`healthy`, `not(healthy)`): the data model is expected to bind those names. `after` delays become
 * `<onentry><send event id delay></onentry>` + `<onexit><cancel sendid></onexit>` with XState's
 * `xstate.after.…` event name and a transition on it; `delay` is a CSS2 time (`10s`, `500ms`), a
 * delay the machine computes is `delayexpr` naming it. Actions are comments inside their transition;
 * invoked and spawned actors are comments inside their state (their logic is code, not SCXML). A
 * machine whose root has transitions (or is parallel) is wrapped in one `<state>`/`<parallel>`
 * carrying the machine id.
 * @public
 */
export function toScxml(machine: AnyStateMachine): string {
  return chartToScxml(chartOf(machine));
}
