import type { AnyStateMachine, AnyStateNode, InspectionEvent } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import type { DirectedGraphNode } from 'xstate/graph';

interface TransitionLike {
  readonly source: AnyStateNode;
  readonly target?: readonly AnyStateNode[] | undefined;
  readonly eventType: string;
}

/** What part of a machine was exercised. */
export interface CoverageReport {
  readonly states: { readonly total: number; readonly reached: number; readonly missing: readonly string[] };
  readonly transitions: { readonly total: number; readonly reached: number; readonly missing: readonly string[] };
}

/** A recorder of the states and transitions a machine went through, fed with inspection events. */
export interface MachineCoverage {
  /** Pass as `createActor(machine, { inspect: coverage.observe })` (or to `inspectContainerSteps`). */
  readonly observe: (event: InspectionEvent) => void;
  /** Marks a state value as reached (for snapshots obtained without inspection). */
  readonly visit: (value: unknown) => void;
  readonly report: () => CoverageReport;
}

function graphNodes(g: DirectedGraphNode): DirectedGraphNode[] {
  return [g, ...g.children.flatMap(graphNodes)];
}

/**
 * Every state node and every transition of `machine`: the nodes and edges of XState's
 * `toDirectedGraph`, plus the eventless (`always`) transitions, which the directed graph leaves out.
 */
export function machineGraph(machine: AnyStateMachine): { states: string[]; transitions: string[] } {
  const nodes = graphNodes(toDirectedGraph(machine));
  const edges = nodes.flatMap((n) => n.edges.map((e) => e.transition as unknown as TransitionLike));
  const always = nodes.flatMap((n) => (n.stateNode.always ?? []) as TransitionLike[]);
  return { states: nodes.map((n) => n.id), transitions: [...new Set([...edges, ...always])].map(transitionKey) };
}

function transitionsOf(node: AnyStateNode): TransitionLike[] {
  const on = [...node.transitions.values()].flat() as TransitionLike[];
  return [...on, ...((node.always ?? []) as TransitionLike[])];
}

/** A stable name for a transition: `source --event--> targets #n` (the same in `provide()`d copies of a machine). */
export function transitionKey(t: TransitionLike): string {
  const list = transitionsOf(t.source);
  const index = list.filter((x) => x.eventType === t.eventType).indexOf(t);
  const targets = (t.target ?? []).map((n) => n.id).join(',') || '(self)';
  return `${t.source.id} --${t.eventType}--> ${targets} #${index}`;
}

function stateIds(machine: AnyStateMachine, value: unknown): string[] {
  const out: string[] = [machine.root.id];
  const walk = (node: AnyStateNode, v: unknown): void => {
    if (typeof v === 'string') {
      const child = node.states[v];
      if (child !== undefined) {
        out.push(child.id);
        walk(child, undefined);
      }
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const [key, sub] of Object.entries(v)) {
      const child = node.states[key];
      if (child === undefined) continue;
      out.push(child.id);
      walk(child, sub);
    }
  };
  walk(machine.root, value);
  return out;
}

/**
 * Enumerates every state node and transition (`on`, `after`, `always`) of `machine` and records which
 * ones inspection events show as reached, so that a test suite can prove it walked the whole chart.
 */
export function createMachineCoverage(machine: AnyStateMachine): MachineCoverage {
  const graph = machineGraph(machine);
  const states = new Set(graph.states);
  const transitions = new Set(graph.transitions);
  const reachedStates = new Set<string>();
  const reachedTransitions = new Set<string>();
  const visit = (value: unknown): void => {
    for (const id of stateIds(machine, value)) reachedStates.add(id);
  };
  return {
    visit,
    observe(event) {
      if (event.type === '@xstate.microstep') {
        for (const t of (event as unknown as { _transitions: TransitionLike[] })._transitions) {
          reachedTransitions.add(transitionKey(t));
          // A transition is taken from a state the machine was in, even a transient one.
          for (let n: AnyStateNode | undefined = t.source; n !== undefined; n = n.parent) reachedStates.add(n.id);
        }
      }
      if ((event.type === '@xstate.snapshot' || event.type === '@xstate.microstep') && 'snapshot' in event) {
        const snapshot = event.snapshot as { value?: unknown; machine?: AnyStateMachine };
        if (snapshot.machine === undefined || snapshot.machine.root.id === machine.root.id) visit(snapshot.value);
      }
    },
    report() {
      const missingStates = [...states].filter((s) => !reachedStates.has(s));
      const missingTransitions = [...transitions].filter((t) => !reachedTransitions.has(t));
      return {
        states: { total: states.size, reached: states.size - missingStates.length, missing: missingStates },
        transitions: { total: transitions.size, reached: transitions.size - missingTransitions.length, missing: missingTransitions },
      };
    },
  };
}
