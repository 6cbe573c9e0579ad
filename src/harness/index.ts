// The public entry of `kubeactors/harness`: property-based checks of controllers under faults.
export { checkController, runControllerCheck } from './runControllerCheck.ts';
export type { CheckOptions, CheckResult, ClusterView, ControllerCase, CustomOperation, DifferentialOptions, FaultKind, Invariant, InvariantFactory, ObservedChange, OperationKind } from './harnessTypes.ts';
export { createClusterView } from './clusterView.ts';
export { canonicalState, diffCanonical, NONDETERMINISTIC_FIELDS } from './canonicalState.ts';
export { atMostOneControllerOwner, noOvercommittedNode, onePodPerOrdinal, ownedCountBound, phaseNeverGoesBack, resourceVersionMonotonic, rolloutSurgeBound } from './invariants/index.ts';
export type { OrdinalOptions, OwnedCountBoundOptions, PhaseOrderOptions } from './invariants/index.ts';
