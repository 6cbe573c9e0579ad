import type { AnyStateMachine, AnyStateNode, InspectionEvent } from 'xstate';
import { activePaths, chartOf, chartStates } from './chartModel.ts';
import type { ChartTransition } from './chartModel.ts';

interface TransitionDef {
  readonly source: AnyStateNode;
  readonly eventType: string;
}

/**
 * Every state (by path; `(root)` for the machine itself) and every transition of a machine, named
 * `source --event--> targets #n` (`#n` tells apart guarded alternatives for the same event).
 */
export function chartCoverageItems(machine: AnyStateMachine): { states: string[]; transitions: string[] } {
  const chart = chartOf(machine);
  const states = chartStates(chart).map((s) => statePathName(s.path));
  const transitions = chartStates(chart).flatMap((s) => {
    const count = new Map<string, number>();
    return s.transitions.map((t) => {
      const n = count.get(t.event) ?? 0;
      count.set(t.event, n + 1);
      return itemName(t, n);
    });
  });
  return { states, transitions };
}

const statePathName = (path: string): string => (path === '' ? '(root)' : path);

function itemName(t: ChartTransition, index: number): string {
  const event = t.kind === 'always' ? 'always' : t.kind === 'after' ? t.label.replace(/ \[.*$/, '') : t.event;
  return `${statePathName(t.source)} --${event}--> ${t.targets.map(statePathName).join(',') || '(self)'} #${index}`;
}

const charts = new WeakMap<AnyStateMachine, ReturnType<typeof chartOf>>();
const cachedChart = (machine: AnyStateMachine): ReturnType<typeof chartOf> => {
  let chart = charts.get(machine);
  if (chart === undefined) charts.set(machine, (chart = chartOf(machine)));
  return chart;
};

// The same name for a transition definition seen in a microstep (works on `provide()`d copies too).
function definitionName(machine: AnyStateMachine, t: TransitionDef): string | undefined {
  const source = t.source;
  const list = (t.eventType === '' ? (source.always ?? []) : (source.transitions.get(t.eventType) ?? [])) as readonly TransitionDef[];
  const index = list.indexOf(t);
  if (index < 0) return undefined;
  const chartSource = chartStates(cachedChart(machine)).find((s) => s.path === source.path.join('.'));
  const sameEvent = chartSource?.transitions.filter((x) => (t.eventType === '' ? x.kind === 'always' : x.event === t.eventType)) ?? [];
  const ct = sameEvent[index];
  return ct === undefined ? undefined : itemName(ct, index);
}

/** What one process recorded: reached state paths and transition names, by machine id. */
export type CoverageFragment = Record<string, { readonly states: readonly string[]; readonly transitions: readonly string[] }>;

/** A recorder fed with inspection events of any actors; it sorts them by machine id. */
export interface CoverageRecorder {
  readonly inspect: (event: InspectionEvent) => void;
  /** What was reached so far. */
  fragment(): CoverageFragment;
  /** Whether anything was recorded. */
  readonly recorded: () => boolean;
}

/** Creates a {@link CoverageRecorder}. */
export function createCoverageRecorder(): CoverageRecorder {
  const reached = new Map<string, { states: Set<string>; transitions: Set<string> }>();
  const names = new WeakMap<object, string | undefined>();
  const slot = (id: string): { states: Set<string>; transitions: Set<string> } => {
    let s = reached.get(id);
    if (s === undefined) reached.set(id, (s = { states: new Set(), transitions: new Set() }));
    return s;
  };
  return {
    inspect(event) {
      if (event.type !== '@xstate.microstep' && event.type !== '@xstate.snapshot') return;
      const snapshot = event.snapshot as { value?: unknown; machine?: AnyStateMachine };
      const machine = snapshot.machine;
      if (machine === undefined || snapshot.value === undefined) return;
      const s = slot(machine.id);
      s.states.add('(root)');
      for (const p of activePaths(snapshot.value)) s.states.add(p);
      if (event.type !== '@xstate.microstep') return;
      for (const t of (event as unknown as { _transitions: readonly TransitionDef[] })._transitions) {
        if (!names.has(t)) names.set(t, definitionName(machine, t));
        const name = names.get(t);
        if (name !== undefined) s.transitions.add(name);
        // A transition is taken from a state the machine was in, even a transient one.
        for (let n: AnyStateNode | undefined = t.source; n !== undefined && n.path.length > 0; n = n.parent) s.states.add(n.path.join('.'));
      }
    },
    fragment: () => Object.fromEntries([...reached].map(([id, s]) => [id, { states: [...s.states].sort(), transitions: [...s.transitions].sort() }])),
    recorded: () => reached.size > 0,
  };
}

let processRecorder: CoverageRecorder | undefined;

/**
 * The process-wide chart coverage recorder's `inspect` function: tests opt in by passing it as
 * `createActor(logic, { inspect: recordCoverage() })` or `createCluster({ inspect: recordCoverage() })`.
 * With the vitest setup in `property-tests/support/`, what it saw lands in the suite's
 * `test-artifacts/chart-coverage.json`.
 * @public
 */
export function recordCoverage(): (event: InspectionEvent) => void {
  processRecorder ??= createCoverageRecorder();
  return processRecorder.inspect;
}

/** What the process-wide recorder saw, or `undefined` if no test opted in. */
export function processCoverage(): CoverageFragment | undefined {
  return processRecorder?.recorded() === true ? processRecorder.fragment() : undefined;
}

/** Coverage of one machine. */
export interface MachineCoverageFigures {
  readonly name: string;
  readonly machine: string;
  readonly states: { readonly total: number; readonly reached: number; readonly unreached: readonly string[] };
  readonly transitions: { readonly total: number; readonly reached: number; readonly unreached: readonly string[] };
}

/** The coverage report of a set of machines. */
export interface CoverageReport {
  /** How many fragments (test processes that opted in) it was built from. */
  readonly fragments: number;
  readonly machines: readonly MachineCoverageFigures[];
}

/** Merges fragments and measures each machine's states and transitions against its chart. */
export function buildCoverageReport(entries: readonly { readonly name: string; readonly machine: AnyStateMachine }[], fragments: readonly CoverageFragment[]): CoverageReport {
  const machines = entries.map((e): MachineCoverageFigures => {
    const items = chartCoverageItems(e.machine);
    const states = new Set(fragments.flatMap((f) => f[e.machine.id]?.states ?? []));
    const transitions = new Set(fragments.flatMap((f) => f[e.machine.id]?.transitions ?? []));
    const unreachedStates = items.states.filter((s) => !states.has(s));
    const unreachedTransitions = items.transitions.filter((t) => !transitions.has(t));
    return {
      name: e.name,
      machine: e.machine.id,
      states: { total: items.states.length, reached: items.states.length - unreachedStates.length, unreached: unreachedStates },
      transitions: { total: items.transitions.length, reached: items.transitions.length - unreachedTransitions.length, unreached: unreachedTransitions },
    };
  });
  return { fragments: fragments.length, machines };
}

/** The report as a text table: machine, states reached/total, transitions reached/total. */
export function formatCoverageTable(report: CoverageReport): string {
  const rows = [['MACHINE', 'STATES', 'TRANSITIONS'], ...report.machines.map((m) => [m.name, `${m.states.reached}/${m.states.total}`, `${m.transitions.reached}/${m.transitions.total}`])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)) + 3);
  return `${rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('').trimEnd()).join('\n')}\n`;
}
