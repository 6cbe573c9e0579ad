export { atMostOneControllerOwner } from './atMostOneControllerOwner.ts';
export { noOvercommittedNode } from './noOvercommittedNode.ts';
export { onePodPerOrdinal, type OrdinalOptions } from './onePodPerOrdinal.ts';
export { ownedCountBound, type OwnedCountBoundOptions } from './ownedCountBound.ts';
export { phaseNeverGoesBack, type PhaseOrderOptions } from './phaseNeverGoesBack.ts';
export { resourceVersionMonotonic } from './resourceVersionMonotonic.ts';
export { rolloutSurgeBound } from './rolloutSurgeBound.ts';
