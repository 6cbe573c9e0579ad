// The per-pod record of a scheduling cycle, shaped like kube-scheduler-simulator's annotations
// (simulator/docs/debuggable-scheduler.md): maps of node → plugin → result.

/**
 * Everything one scheduling attempt decided. Filter values are `passed` or the rejection reason;
 * `score` holds raw plugin scores, `normalizedScore` the values after NormalizeScore and
 * `finalScore` normalized × weight. Nodes not evaluated (partial scan) or not scored (a single
 * feasible node) are absent.
 * @public
 */
export interface SchedulingDecision {
  /** `namespace/name` of the pod. */
  readonly pod: string;
  preFilterStatus: Record<string, string>;
  filter: Record<string, Record<string, string>>;
  /** plugin → PostFilter outcome (`success` with the nomination, or the message). */
  readonly postFilter: Record<string, string>;
  preScore: Record<string, string>;
  score: Record<string, Record<string, number>>;
  normalizedScore: Record<string, Record<string, number>>;
  finalScore: Record<string, Record<string, number>>;
  readonly reserve: Record<string, string>;
  readonly permit: Record<string, string>;
  /** plugin → wait timeout (e.g. `10s`) for plugins that answered Wait. */
  readonly permitTimeout: Record<string, string>;
  readonly preBind: Record<string, string>;
  readonly bind: Record<string, string>;
  selectedNode?: string;
  nominatedNodeName?: string;
  /** `namespace/name` of the pods preemption chose to evict. */
  victims?: readonly string[];
}

/** An empty record for `pod` (`namespace/name`). */
export function createDecision(pod: string): SchedulingDecision {
  return {
    pod,
    preFilterStatus: {},
    filter: {},
    postFilter: {},
    preScore: {},
    score: {},
    normalizedScore: {},
    finalScore: {},
    reserve: {},
    permit: {},
    permitTimeout: {},
    preBind: {},
    bind: {},
  };
}

/** The annotation key prefix the simulator uses. */
export const SIMULATOR_ANNOTATION_PREFIX = 'kube-scheduler-simulator.sigs.k8s.io/';

function stringMap(m: Record<string, Record<string, number>>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [node, plugins] of Object.entries(m)) {
    const inner: Record<string, string> = {};
    for (const [plugin, v] of Object.entries(plugins)) inner[plugin] = String(v);
    out[node] = inner;
  }
  return out;
}

/**
 * The decision as simulator annotations (JSON values; scores as strings, as the simulator writes
 * them): `prefilter-result-status`, `prefilter-result`, `filter-result`, `postfilter-result`,
 * `prescore-result`, `score-result`, `finalscore-result`, `reserve-result`, `permit-result`,
 * `permit-result-timeout`, `prebind-result`, `bind-result` and `selected-node` (plain text, only when set).
 */
export function decisionAnnotations(d: SchedulingDecision): Record<string, string> {
  const k = (name: string): string => `${SIMULATOR_ANNOTATION_PREFIX}${name}`;
  const out: Record<string, string> = {
    [k('prefilter-result-status')]: JSON.stringify(d.preFilterStatus),
    [k('prefilter-result')]: '{}',
    [k('filter-result')]: JSON.stringify(d.filter),
    [k('postfilter-result')]: JSON.stringify(d.postFilter),
    [k('prescore-result')]: JSON.stringify(d.preScore),
    [k('score-result')]: JSON.stringify(stringMap(d.score)),
    [k('finalscore-result')]: JSON.stringify(stringMap(d.finalScore)),
    [k('reserve-result')]: JSON.stringify(d.reserve),
    [k('permit-result')]: JSON.stringify(d.permit),
    [k('permit-result-timeout')]: JSON.stringify(d.permitTimeout),
    [k('prebind-result')]: JSON.stringify(d.preBind),
    [k('bind-result')]: JSON.stringify(d.bind),
  };
  if (d.selectedNode !== undefined) out[k('selected-node')] = d.selectedNode;
  return out;
}
