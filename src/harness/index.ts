// The public entry of `kubeactors/harness`: property-based checks of controllers under faults.
export { checkController, runControllerCheck } from './runControllerCheck.ts';
export type { CheckOptions, CheckResult, ClusterView, ControllerCase, CustomOperation, DifferentialOptions, FaultKind, Invariant, InvariantFactory, ObservedChange, OperationKind } from './harnessTypes.ts';
export { createClusterView } from './clusterView.ts';
export { canonicalState, diffCanonical, NONDETERMINISTIC_FIELDS } from './canonicalState.ts';
export { atMostOneControllerOwner, noOvercommittedNode, onePodPerOrdinal, ownedCountBound, phaseNeverGoesBack, resourceVersionMonotonic, rolloutSurgeBound } from './invariants/index.ts';
export type { OrdinalOptions, OwnedCountBoundOptions, PhaseOrderOptions } from './invariants/index.ts';
export { dns1035Label, dnsLabel, dnsSubdomain, objectName, objectMeta, labelKey, labels, labelValue, labelSelector, selectorWithLabels, cpuQuantity, memoryQuantity, resourceRequirements, container, containerImage, podSpec, toleration, pod, deployment, deploymentStrategy, replicaSet, service, configMap, configMapKey, node, taint, fromSchema, customResource, invalidObject } from './arbitraries/index.ts';
export type { NameLengthOptions, NamespaceOption, LabelsOptions, LabelSelectorOptions, SelectorWithLabels, CpuQuantityOptions, MemoryQuantityOptions, ContainerResourceName, ResourceRequirementsOptions, ContainerOptions, PodSpecOptions, RestartPolicy, PodOptions, DeploymentOptions, DeploymentStrategyType, ReplicaSetOptions, ServiceOptions, ServiceType, NodeOptions, FromSchemaOptions, CustomResourceObject, CustomResourceOptions, InvalidKind, InvalidObject } from './arbitraries/index.ts';
