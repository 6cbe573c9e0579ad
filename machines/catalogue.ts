import type { AnyStateMachine } from 'xstate';
import { apiServerMachine } from './apiServerMachine.ts';
import { clusterMachine } from './clusterMachine.ts';
import { containerMachine, description as containerDescription } from './containerMachine.ts';
import { controllerManagerMachine } from './controllerManagerMachine.ts';
import { deploymentRolloutMachine } from './deploymentRolloutMachine.ts';
import { dnsMachine } from './dnsMachine.ts';
import { kubeProxyMachine } from './kubeProxyMachine.ts';
import { kubeletMachine, description as kubeletDescription } from './kubeletMachine.ts';
import { nodeLifecycleMachine, description as nodeLifecycleDescription } from './nodeLifecycleMachine.ts';
import { nodeMachine, description as nodeDescription } from './nodeMachine.ts';
import { podMachine, description as podDescription } from './podMachine.ts';
import { reconcilerMachine } from './reconcilerMachine.ts';
import { replicaSetMachine } from './replicaSetMachine.ts';
import { schedulerMachine } from './schedulerMachine.ts';

/** One statechart of the project, with what it stands for. */
export interface CatalogueEntry {
  /** Short name (`pod`, `reconciler` …): `kubeactors charts <name>`. */
  readonly name: string;
  readonly machine: AnyStateMachine;
  /** One line: what the chart is the lifecycle of. */
  readonly description: string;
  /** What one actor of this machine stands for: a kind (`Pod`) or a component (`kube-scheduler`). */
  readonly models: string;
  /** Fields its side effects write (`status.phase`, `Lease spec.renewTime` …); empty when it writes nothing. */
  readonly writes: readonly string[];
}

/**
 * Every statechart in `machines/`. A new `machines/*Machine.ts` must be listed here:
 * `machines/catalogue.test.ts` fails otherwise, and the charts docs, CLI, inspector and coverage
 * report all read this list.
 * @public
 */
export const catalogue: readonly CatalogueEntry[] = [
  {
    name: 'cluster',
    machine: clusterMachine,
    description: 'The root of a cluster: starts and stops components (kube-apiserver, kube-controller-manager, kube-scheduler, kubelets, kube-proxies) as children with their component names as systemId.',
    models: 'cluster',
    writes: [],
  },
  {
    name: 'apiServer',
    machine: apiServerMachine,
    description: "kube-apiserver's lifecycle: serving requests until stopped (its watches then end), with counters of what it served.",
    models: 'kube-apiserver',
    writes: [],
  },
  {
    name: 'controllerManager',
    machine: controllerManagerMachine,
    description: 'kube-controller-manager: waits to lead (Lease-based leader election when on), then runs every controller as a child actor; losing the lease stops them all.',
    models: 'kube-controller-manager',
    writes: ['Lease kube-system/kube-controller-manager spec.holderIdentity', 'Lease spec.renewTime'],
  },
  {
    name: 'reconciler',
    machine: reconcilerMachine,
    description: "One controller's work loop: wait for informer caches, reconcile queued keys (bounded concurrency), requeue with back-off on errors, drain on stop.",
    models: 'controller',
    writes: ['Event (ReconcileError)'],
  },
  {
    name: 'scheduler',
    machine: schedulerMachine,
    description: "kube-scheduler's loop (scheduleOne): waits for its caches, takes one pod at a time through a scheduling cycle and an asynchronous binding cycle; a timer region flushes backoff and unschedulable pods into the active queue.",
    models: 'kube-scheduler',
    writes: ['Binding (Pod spec.nodeName)', 'Pod status.conditions[PodScheduled]', 'Pod status.nominatedNodeName', 'Event (Scheduled, FailedScheduling)'],
  },
  {
    name: 'kubelet',
    machine: kubeletMachine,
    description: kubeletDescription,
    models: 'kubelet',
    writes: [],
  },
  {
    name: 'pod',
    machine: podMachine,
    description: podDescription,
    models: 'Pod',
    writes: ['status.phase', 'status.conditions', 'status.containerStatuses', 'status.initContainerStatuses', 'status.startTime', 'status.reason', 'status.message', 'Event'],
  },
  {
    name: 'container',
    machine: containerMachine,
    description: containerDescription,
    models: 'Pod container',
    writes: ['status.containerStatuses[].state', 'status.containerStatuses[].lastState', 'status.containerStatuses[].ready', 'status.containerStatuses[].started', 'status.containerStatuses[].restartCount', 'Event'],
  },
  {
    name: 'node',
    machine: nodeMachine,
    description: nodeDescription,
    models: 'Node (kubelet)',
    writes: ['Node status.conditions', 'Node status.nodeInfo', 'Lease kube-node-lease/<node> spec.renewTime'],
  },
  {
    name: 'kubeProxy',
    machine: kubeProxyMachine,
    description: "One node's kube-proxy: syncing after a Service or EndpointSlice change until the rules are programmed (changes within minSyncPeriod are batched into one sync), then synced.",
    models: 'kube-proxy',
    writes: [],
  },
  {
    name: 'dns',
    machine: dnsMachine,
    description: 'The cluster DNS server (kube-dns / CoreDNS): starting until its Service and EndpointSlice caches have synced, then serving, counting queries and NXDOMAIN answers.',
    models: 'kube-dns',
    writes: [],
  },
  {
    name: 'nodeLifecycle',
    machine: nodeLifecycleMachine,
    description: nodeLifecycleDescription,
    models: 'Node (node lifecycle controller)',
    writes: ['Node status.conditions (Unknown)', 'Node spec.taints', 'Pod status.conditions[Ready]'],
  },
  {
    name: 'replicaSet',
    machine: replicaSetMachine,
    description: 'The visible lifecycle of a ReplicaSet or ReplicationController: scalingUp, scalingDown, steady, failedToCreate (the ReplicaFailure condition). It records what each reconcile found; the reconciler writes the status.',
    models: 'ReplicaSet',
    writes: [],
  },
  {
    name: 'deploymentRollout',
    machine: deploymentRolloutMachine,
    description: 'The rollout state of a Deployment following its Progressing condition: progressing, complete, failed (ProgressDeadlineExceeded), paused. It records what each sync found; the deployment controller writes the status.',
    models: 'Deployment',
    writes: [],
  },
];

/** The catalogue entry named `name` (`pod`), or whose machine id is `name`. */
export function catalogueEntry(name: string): CatalogueEntry | undefined {
  return catalogue.find((e) => e.name === name) ?? catalogue.find((e) => e.machine.id === name);
}
