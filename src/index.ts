// The one public entry of kubeactors: named exports only.

// Cluster
export { createCluster } from './runtime/cluster/createCluster.ts';
export type { Cluster, ClusterOptions, SettleOptions, SettleResult } from './runtime/cluster/clusterTypes.ts';
export { parseManifests, applyObject, LAST_APPLIED_ANNOTATION } from './runtime/cluster/applyManifests.ts';
export type { ApplyResult } from './runtime/cluster/applyManifests.ts';

// Controllers and resources
export { defineController, generationChangedPredicate, resourceVersionChangedPredicate } from './runtime/controller/defineController.ts';
export type { ControllerDefinition, ControllerSourceContext, EventPredicate, MapFunc } from './runtime/controller/defineController.ts';
export { TerminalError, isTerminalError } from './runtime/controller/reconcileTypes.ts';
export type { ReconcileContext, ReconcileRequest, ReconcileResult, Reconciler } from './runtime/controller/reconcileTypes.ts';
export { defineResource, resourceInfoOf } from './runtime/resources/defineResource.ts';
export type { PrinterColumn, ResourceDefinition } from './runtime/resources/defineResource.ts';
export { createEventRecorder, EVENT_AGGREGATION_WINDOW_MS } from './runtime/events/eventRecorder.ts';
export type { EventRecorder, EventType } from './runtime/events/eventRecorder.ts';
export { builtinControllers } from './runtime/controllers/builtinControllers.ts';
export { garbageCollector } from './runtime/controllers/garbageCollector.ts';
export { namespaceController } from './runtime/controllers/namespaceController.ts';
export type { ActivityTracker } from './runtime/activity.ts';

// Determinism seams
export { VirtualClock, RealClock, DEFAULT_VIRTUAL_EPOCH_MS, createRng, createIdSource, GENERATE_NAME_ALPHABET } from './runtime/sim/index.ts';
export type { Clock, TimerId, Rng, IdSource } from './runtime/sim/index.ts';

// API machinery
export { ApiServer, MAX_OBJECT_BYTES, SYSTEM_NAMESPACES } from './apiserver/apiServer.ts';
export type { ApiServerOptions, ApiStrategy, ResourceRef } from './apiserver/apiServer.ts';
export { createBuiltinStrategy } from './apiserver/builtinStrategy.ts';
export type { AdmissionPlugin, AdmissionRequest, AdmissionOperation } from './apiserver/admission.ts';
export type { CreateOptions, DeleteOptions, ListOptions, ObjectList, PatchOptions, PatchType, PropagationPolicy, UpdateOptions, WatchOptions, WriteOptions } from './apiserver/requestOptions.ts';
export type { WatchEvent, WatchEventType } from './apiserver/watchTypes.ts';
export { INITIAL_EVENTS_END_ANNOTATION } from './apiserver/watchHub.ts';
export { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './apiserver/deletion.ts';
export { MemoryStore } from './store/memoryStore.ts';
export type { MemoryStoreOptions } from './store/memoryStore.ts';
export type { Store, StoreEvent, StoreEventType } from './store/storeTypes.ts';
export { ResourceRegistry } from './api/resourceRegistry.ts';
export { BUILTIN_RESOURCES } from './api/builtinResources.ts';
export { apiVersionOf, groupResource, parseApiVersion } from './api/resourceInfo.ts';
export type { ResourceInfo, Verb } from './api/resourceInfo.ts';
export { objectKey, splitObjectKey, controllerOf, fieldOf } from './api/meta.ts';
export type { AnyObject, KubeObject, ObjectKey, StoredObject } from './api/meta.ts';
export {
  StatusError,
  isStatusError,
  isNotFound,
  isConflict,
  isAlreadyExists,
  isGone,
  isInvalid,
  notFound,
  alreadyExists,
  conflict,
  gone,
  badRequest,
  forbidden,
  internalError,
  tooManyRequests,
  serviceUnavailable,
} from './api/status.ts';
export type { StatusReason } from './api/status.ts';
export { fieldError, invalid, formatFieldError } from './api/fieldErrors.ts';
export type { FieldError, FieldErrorType } from './api/fieldErrors.ts';
export { parseLabelSelector, labelSelectorFromSpec, matchesLabels, formatLabelSelector, isEverything } from './api/labelSelector.ts';
export type { LabelRequirement, LabelSelectorRequirements } from './api/labelSelector.ts';
export { parseFieldSelector, fieldSelectorMatcher } from './api/fieldSelector.ts';
export { parseQuantity, isValidQuantity, compareQuantities, addQuantities, subtractQuantities, quantityToMilli, quantityToNumber, formatQuantity } from './api/quantity.ts';
export type { Quantity } from './api/quantity.ts';
export { applyJsonPatch } from './api/patch/jsonPatch.ts';
export { applyMergePatch, createMergePatch } from './api/patch/mergePatch.ts';
export { applyStrategicMergePatch, createStrategicPatch, createThreeWayStrategicPatch } from './api/patch/strategicMergePatch.ts';
export { validateAgainstSchema, defaultAndPrune } from './api/schema/validateSchema.ts';
export type { JsonSchema } from './api/schema/validateSchema.ts';

// Client
export { createClient } from './client/client.ts';
export type { Client, TypeRef } from './client/client.ts';
export type { KnownKinds, KindOf } from './client/knownKinds.ts';
export { createSharedInformer } from './client/sharedInformer.ts';
export type { InformerEvent, InformerHandler, SharedInformer, SharedInformerOptions } from './client/sharedInformer.ts';
export { createInformerFactory } from './client/informerFactory.ts';
export type { InformerFactory, InformerQuery } from './client/informerFactory.ts';
export { createWorkQueue } from './client/workQueue.ts';
export type { WorkQueue } from './client/workQueue.ts';
export { createDelayingQueue } from './client/delayingQueue.ts';
export type { DelayingQueue } from './client/delayingQueue.ts';
export { createRateLimitingQueue } from './client/rateLimitingQueue.ts';
export type { RateLimitingQueue } from './client/rateLimitingQueue.ts';
export {
  itemExponentialFailureRateLimiter,
  itemFastSlowRateLimiter,
  bucketRateLimiter,
  maxOfRateLimiter,
  defaultControllerRateLimiter,
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
} from './client/rateLimiter.ts';
export type { RateLimiter } from './client/rateLimiter.ts';
export { createIndexer } from './client/indexer.ts';
export type { Indexer } from './client/indexer.ts';
export { createLister } from './client/lister.ts';
export type { Lister } from './client/lister.ts';
export { NAMESPACE_INDEX, OWNER_UID_INDEX, NODE_NAME_INDEX, labelIndexFunc } from './client/indexFuncs.ts';
export type { IndexFunc, Indexers } from './client/indexFuncs.ts';
export { createGuardedClient } from './client/guardedClient.ts';

// Machines (the statecharts that run)
export { reconcilerMachine } from '../machines/reconcilerMachine.ts';
export { controllerManagerMachine } from '../machines/controllerManagerMachine.ts';
export { apiServerMachine } from '../machines/apiServerMachine.ts';
export { clusterMachine } from '../machines/clusterMachine.ts';
export type { Scale } from './apiserver/subresources.ts';

// Workload controllers
export { replicaSetController, replicationController } from './runtime/controllers/replicaSetController.ts';
export type { ReplicaControllerDefinition, ReplicaControllerOptions } from './runtime/controllers/replicaSetController.ts';
export { deploymentController } from './runtime/controllers/deploymentController.ts';
export type { DeploymentControllerDefinition, DeploymentControllerOptions } from './runtime/controllers/deploymentController.ts';
export { daemonSetController } from './runtime/controllers/daemonSetController.ts';
export { replicaSetMachine } from '../machines/replicaSetMachine.ts';
export type { ReplicaSetOutcome, ReplicaSetMachineContext } from '../machines/replicaSetMachine.ts';
export { deploymentRolloutMachine } from '../machines/deploymentRolloutMachine.ts';
export type { RolloutObserved, DeploymentRolloutContext } from '../machines/deploymentRolloutMachine.ts';
export { rolloutStatus, deploymentStatusLine, rolloutHistory, rolloutRevisions, rolloutUndo, rolloutPause, rolloutResume, rolloutRestart, scale, setImage } from './workloads/rollout.ts';
export type { RolloutStatusLine, RolloutRevision, RolloutTarget } from './workloads/rollout.ts';
export { RESTARTED_AT_ANNOTATION } from './workloads/rolloutCommands.ts';
export { resolveFenceposts, deploymentMaxSurge, deploymentMaxUnavailable } from './workloads/fenceposts.ts';
export type { Fenceposts } from './workloads/fenceposts.ts';
export { scaledValueFromIntOrPercent } from './workloads/intOrPercent.ts';
export type { IntOrString } from './workloads/intOrPercent.ts';
export { planDeploymentScale, replicaSetFraction, replicaSetProportion } from './workloads/proportionalScaling.ts';
export type { ScaleStep } from './workloads/proportionalScaling.ts';
export { planOldReplicaSetsScaleDown } from './workloads/rollingUpdatePlan.ts';
export { newRSNewReplicas, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, POD_TEMPLATE_HASH_LABEL } from './workloads/deploymentReplicaSets.ts';
export { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, CHANGE_CAUSE_ANNOTATION } from './workloads/deploymentAnnotations.ts';
export { DeploymentReason, deploymentComplete, deploymentProgressing, deploymentTimedOut } from './workloads/deploymentConditions.ts';
export { calculateDeploymentStatus, nextRolloutStatus } from './workloads/deploymentStatus.ts';
export { compareActivePodsWithRanks, podsToDelete, podDeletionCost, POD_DELETION_COST_ANNOTATION } from './workloads/activePodsWithRanks.ts';
export { isPodReady, isPodAvailable, isPodActive } from './workloads/podConditions.ts';
export { UidTrackingExpectations, EXPECTATIONS_TIMEOUT_MS } from './workloads/UidTrackingExpectations.ts';
export { slowStartBatch, BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE } from './workloads/slowStartBatch.ts';
export { computeTemplateHash } from './workloads/templateHash.ts';
export { calculateReplicaStatus } from './workloads/replicaSetStatus.ts';
export { nodeShouldRunDaemonPod, daemonPodTolerations, CONTROLLER_REVISION_HASH_LABEL } from './workloads/daemonSetPlacement.ts';
export { planDaemonRollingUpdate, podsShouldBeOnNode, daemonSetStatusCounts } from './workloads/daemonSetPlan.ts';
export { startFakeKubelet, readyNode, runningPodStatus } from './testing/fakeKubelet.ts';
export type { FakeKubelet, FakeKubeletOptions } from './testing/fakeKubelet.ts';
export { conditionPredicate } from './runtime/cluster/waitCondition.ts';
export type { WaitCondition } from './runtime/cluster/waitCondition.ts';

// Inspection
export { catalogue, catalogueEntry } from '../machines/catalogue.ts';
export type { CatalogueEntry } from '../machines/catalogue.ts';
export { chartOf, chartStates, activePaths } from './inspect/chartModel.ts';
export type { Chart, ChartState, ChartTransition } from './inspect/chartModel.ts';
export { toXStateJson } from './inspect/toXStateJson.ts';
export { toMermaid } from './inspect/toMermaid.ts';
export { toDot } from './inspect/toDot.ts';
export { toScxml } from './inspect/toScxml.ts';
export { exportChart, CHART_FORMATS } from './inspect/exportChart.ts';
export type { ChartFormat } from './inspect/exportChart.ts';
export { chartsMarkdown } from './inspect/chartsMarkdown.ts';
export { createTracer } from './inspect/createTracer.ts';
export type { TracerOptions } from './inspect/createTracer.ts';
export type { Tracer, TraceRecord, TracedActor } from './inspect/traceTypes.ts';
export { createTrace, traceMatches } from './inspect/createTrace.ts';
export type { TraceFilter } from './inspect/createTrace.ts';
export { recordTrace, readTrace, parseTrace } from './inspect/traceFile.ts';
export type { TraceRecording } from './inspect/traceFile.ts';
export { inspectCluster } from './inspect/inspectCluster.ts';
export type { ActorSnapshot, ClusterInspection } from './inspect/inspectCluster.ts';
export { describeWithState } from './inspect/describeWithState.ts';
export { startInspector } from './inspect/startInspector.ts';
export type { Inspector, InspectorOptions } from './inspect/startInspector.ts';
export { recordCoverage, createCoverageRecorder, buildCoverageReport, formatCoverageTable, chartCoverageItems } from './inspect/coverage.ts';
export type { CoverageReport, MachineCoverageFigures } from './inspect/coverage.ts';

// Node lifecycle
export { nodeLifecycleMachine, nodeLifecycleTaints, NODE_MONITOR_GRACE_PERIOD_MS, NODE_STARTUP_GRACE_PERIOD_MS } from '../machines/nodeLifecycleMachine.ts';
export type { NodeLifecycleInput, NodeLifecycleRecord, NodeLifecycleEvent, NodeTaintUpdate } from '../machines/nodeLifecycleMachine.ts';
export { createNodeLifecycleLogic, NODE_LIFECYCLE_COMPONENT, NODE_LIFECYCLE_SYSTEM_ID, NODE_LEASE_NAMESPACE } from '../actors/nodeLifecycleActor.ts';
export type { NodeLifecycleOptions } from '../actors/nodeLifecycleActor.ts';
export { createTaintEvictionLogic, TAINT_EVICTION_COMPONENT, TAINT_EVICTION_SYSTEM_ID } from '../actors/taintEvictionActor.ts';
export type { TaintEvictionOptions } from '../actors/taintEvictionActor.ts';
export { cordon, uncordon, drain } from './runtime/nodes/drain.ts';
export type { CordonResult, DrainOptions, DrainResult } from './runtime/nodes/drain.ts';
export { withControllerTaints, CONTROLLER_TAINT_KEYS, TAINT_UNSCHEDULABLE } from './runtime/nodes/nodeTaints.ts';
export { noExecuteEvictionAt, noExecuteTaints } from './runtime/nodes/noExecuteEviction.ts';
export { markNodeStatusUnknown, nodeReport } from './runtime/nodes/nodeHealth.ts';
export type { NodeReport } from './runtime/nodes/nodeHealth.ts';

// Services and networking
export { createServiceAllocation, DEFAULT_SERVICE_CIDR, DEFAULT_NODE_PORT_RANGE } from './apiserver/serviceAllocation.ts';
export type { ServiceAllocation, ServiceAllocationOptions } from './apiserver/serviceAllocation.ts';
export { defaultIngressClassPlugin } from './apiserver/defaultIngressClass.ts';
export { BitmapAllocator } from './networking/bitmapAllocator.ts';
export { IpAllocator, parseCidr, cidrContains, ipv4ToInt, intToIpv4 } from './networking/ipAllocator.ts';
export type { Ipv4Cidr } from './networking/ipAllocator.ts';
export { PortAllocator, parsePortRange } from './networking/portAllocator.ts';
export type { PortRange } from './networking/portAllocator.ts';
export { serviceEnvironment, envFromServices, envVariableName, expandEnv, containerEnvironment, MASTER_SERVICES } from './networking/serviceEnvironment.ts';
export { createServiceLinks } from './networking/serviceLinks.ts';
export type { ServiceLinks } from './networking/serviceLinks.ts';
export { computeEndpointSubsets, repackSubsets, MAX_ENDPOINTS_ADDRESSES, OVER_CAPACITY_ANNOTATION } from './networking/endpointSubsets.ts';
export { findPort, podEndpoint, podEndpointPorts, selectsPod, shouldPodBeInEndpoints, shouldSetHostname, HEADLESS_SERVICE_LABEL } from './networking/podEndpoints.ts';
export { planSlices, groupEndpoints, SERVICE_NAME_LABEL, MANAGED_BY_LABEL, ENDPOINTSLICE_CONTROLLER_NAME, ENDPOINTSLICE_MIRRORING_CONTROLLER_NAME, DEFAULT_MAX_ENDPOINTS_PER_SLICE } from './networking/slicePlan.ts';
export type { EndpointGroup, SlicePlan, SliceTemplate } from './networking/slicePlan.ts';
export { buildProxyRules, usableEndpoints, describeProxyRules, ruleKey, SERVICE_PROXY_NAME_LABEL } from './networking/proxyRules.ts';
export type { ProxyRules, ServicePortRule, ProxyEndpoint } from './networking/proxyRules.ts';
export { pickEndpoint, createProxyState } from './networking/endpointPicker.ts';
export type { ProxyMode, ProxyState, PickOptions } from './networking/endpointPicker.ts';
export { createProxyRulesSource } from './networking/proxyRulesSource.ts';
export type { ProxyRulesSource } from './networking/proxyRulesSource.ts';
export { dnsLookup, resolveWithSearch, searchCandidates } from './networking/clusterDns.ts';
export type { DnsView, DnsRecord, DnsRecordType, DnsAnswer } from './networking/clusterDns.ts';
export { podResolvConf, formatResolvConf, podDnsType, ndotsOf } from './networking/resolvConf.ts';
export type { DnsSettings, ResolvConf } from './networking/resolvConf.ts';
export { routeIngress, matchHost, matchPath, servesIngress, defaultIngressClass, DEFAULT_INGRESS_CLASS_ANNOTATION, INGRESS_CONTROLLER_NAME } from './networking/ingressRouting.ts';
export type { IngressMatch } from './networking/ingressRouting.ts';
export { sendRequest } from './networking/traffic.ts';
export type { NetworkWorld } from './networking/traffic.ts';
export { parseTarget, nodeAddresses, DEFAULT_EXTERNAL_CLIENT_IP } from './networking/trafficTypes.ts';
export type { NetworkRequest, NetworkResponse, RequestSource, RequestTarget, FailureReason } from './networking/trafficTypes.ts';
export { podHttpAnswer } from './networking/podAnswer.ts';
export type { HttpAnswer } from './networking/podAnswer.ts';
export { NETWORK_DEFAULTS } from './networking/networkOptions.ts';
export type { NetworkOptions } from './networking/networkOptions.ts';
export type { ClusterNetwork, DnsResult, PodRef } from './runtime/cluster/clusterNetwork.ts';
export { endpointsController } from './runtime/controllers/endpointsController.ts';
export { endpointSliceController } from './runtime/controllers/endpointSliceController.ts';
export type { EndpointSliceControllerOptions } from './runtime/controllers/endpointSliceController.ts';
export { endpointSliceMirroringController, SKIP_MIRROR_LABEL } from './runtime/controllers/endpointSliceMirroringController.ts';
export { ingressController } from './runtime/controllers/ingressController.ts';
export type { IngressControllerOptions } from './runtime/controllers/ingressController.ts';
export { serviceLoadBalancerController } from './runtime/controllers/serviceLoadBalancerController.ts';
export type { LoadBalancerControllerOptions } from './runtime/controllers/serviceLoadBalancerController.ts';
export { kubeProxyMachine } from '../machines/kubeProxyMachine.ts';
export type { KubeProxyContext, KubeProxyEvent } from '../machines/kubeProxyMachine.ts';
export { dnsMachine } from '../machines/dnsMachine.ts';
export type { DnsContext, DnsEvent } from '../machines/dnsMachine.ts';
export { nodeWithAddress, addNodes, setPodReady } from './testing/networkFixtures.ts';

// Scheduler
export { schedulerMachine } from '../machines/schedulerMachine.ts';
export type { SchedulerContext, SchedulerEvent } from '../machines/schedulerMachine.ts';
export { createSchedulerLogic } from '../actors/schedulerActor.ts';
export type { SchedulerLogicOptions } from '../actors/schedulerActor.ts';
export { schedulerDecisions, schedulerHandleOf } from '../actors/schedulerDecisions.ts';
export type { SchedulerHandle } from '../actors/schedulerDecisions.ts';
export { formatDecision } from './scheduler/formatDecision.ts';
export { DEFAULT_DETAILED_DECISIONS, resolveProfiles, schedulerNameOf } from './scheduler/schedulerConfig.ts';
export type { ResolvedProfile, SchedulerOptions, SchedulerProfileConfig } from './scheduler/schedulerConfig.ts';
export { createPriorityAdmission, SYSTEM_PRIORITY_CLASSES, SYSTEM_CLUSTER_CRITICAL_PRIORITY, SYSTEM_NODE_CRITICAL_PRIORITY } from './apiserver/priorityAdmission.ts';
export {
  buildProfile,
  createClusterSnapshot,
  createPluginRegistry,
  createSchedulingQueue,
  decisionAnnotations,
  DEFAULT_SCHEDULER_NAME,
  defaultProfile,
  defaultProfileConfig,
  formatFitError,
  inTreeRegistry,
  legacyProfile,
  legacyProfileConfig,
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  runSchedulingCycle,
  SIMULATOR_ANNOTATION_PREFIX,
} from './scheduler/index.ts';
export type { ClusterEvent, ClusterSnapshot, CycleContext, NodeInfo, Plugin, PluginFactory, PluginRegistry, PodInfo, Profile, ProfileConfig, SchedulingDecision, SchedulingCycleResult, Status, StatusCode } from './scheduler/index.ts';

// HTTP API
export { startApiServer } from './http/startApiServer.ts';
export type { StartApiServerOptions, RunningApiServer } from './http/startApiServer.ts';
export { kubeconfigYaml } from './http/kubeconfig.ts';
export { serverSideApply } from './apiserver/serverSideApply.ts';
