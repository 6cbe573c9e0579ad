import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../apiserver/timestamps.ts';
import type { ContainerSlot } from './containerRecord.ts';
import { deriveContainerStatus } from './containerStatus.ts';
import type { ContainerStatusContext } from './containerStatus.ts';
import { containerView } from './containerView.ts';
import { derivePodPhase } from './podPhase.ts';
import type { PodRecord } from './podRecord.ts';
import { podIsTerminal } from './podRecord.ts';
import { qosClassOf } from './qosClass.ts';

/** The part of a pod machine snapshot the status derives from (`actor.getSnapshot()` fits). */
export interface PodMachineView {
  readonly value: unknown;
  readonly context: PodRecord;
}

/** What the kubelet adds to the status: its node's IP, the pod's IPs, the sandbox id for container IDs. */
export interface PodStatusOptions {
  readonly hostIP?: string;
  readonly podIPs?: readonly string[];
  /** Container IDs derive from this (default: the pod's uid). */
  readonly runtimeId?: string;
}

type Phase = NonNullable<PodStatus['phase']>;
const PHASES: Readonly<Record<string, Phase>> = { pending: 'Pending', running: 'Running', succeeded: 'Succeeded', failed: 'Failed', unknown: 'Unknown' };
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready']);

/** The phase of a pod machine snapshot: its `phase` region, or kubelet's rule once the machine is done. */
export function phaseOf(view: PodMachineView): Phase {
  const value = view.value;
  if (value !== null && typeof value === 'object') {
    const phase = (value as { active?: { phase?: unknown } }).active?.phase;
    const key = typeof phase === 'string' ? phase : phase !== null && typeof phase === 'object' ? Object.keys(phase)[0] : undefined;
    if (key !== undefined && PHASES[key] !== undefined) return PHASES[key];
  }
  const c = view.context;
  return derivePodPhase(c.containers, c.restartPolicy, podIsTerminal(c) || value === 'terminated');
}

function condition(type: string, ok: boolean, at: number, reason?: string, message?: string): PodCondition {
  return { type, status: ok ? 'True' : 'False', lastTransitionTime: rfc3339(at), ...(reason !== undefined ? { reason } : {}), ...(message !== undefined ? { message } : {}) };
}

function names(slots: readonly ContainerSlot[], pick: (s: ContainerSlot) => boolean): string {
  return `[${slots.filter(pick).map((s) => s.context.config.name).join(' ')}]`;
}

function readinessGates(pod: Pod): { ok: boolean; message?: string } {
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = (pod.status?.conditions ?? []).find((x) => x.type === gate.conditionType);
    if (c === undefined) return { ok: false, message: `corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.` };
    if (c.status !== 'True') return { ok: false, message: `the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}` };
  }
  return { ok: true };
}

function conditionsOf(view: PodMachineView, pod: Pod, phase: Phase): PodCondition[] {
  const c = view.context;
  const cond = c.conditions;
  const slots = c.containers;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const completed = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
  const initialized = cond.initialized
    ? condition('Initialized', true, cond.initializedAt, phase === 'Succeeded' ? 'PodCompleted' : undefined)
    : condition('Initialized', false, cond.initializedAt, 'ContainersNotInitialized', `containers with incomplete status: ${names(slots, (s) => s.context.config.kind !== 'app' && !(containerView(s).state === 'terminated' && s.context.terminated?.exitCode === 0))}`);
  const unready = names(slots, (s) => s.context.config.kind !== 'init' && !(s.context.ready && containerView(s).state === 'running'));
  const containersReady = cond.containersReady
    ? condition('ContainersReady', true, cond.containersReadyAt)
    : condition('ContainersReady', false, cond.containersReadyAt, terminal ? completed : 'ContainersNotReady', terminal ? undefined : `containers with unready status: ${unready}`);
  const gates = readinessGates(pod);
  let ready = { ...containersReady, type: 'Ready' };
  if (cond.containersReady && !gates.ok) ready = condition('Ready', false, cond.containersReadyAt, 'ReadinessGatesNotReady', gates.message);
  const previousReady = pod.status?.conditions?.find((x) => x.type === 'Ready');
  if (previousReady?.status === ready.status && previousReady.lastTransitionTime !== undefined) ready.lastTransitionTime = previousReady.lastTransitionTime;
  const scheduled = pod.status?.conditions?.find((x) => x.type === 'PodScheduled') ?? condition('PodScheduled', true, c.startTime);
  const others = (pod.status?.conditions ?? []).filter((x) => !KUBELET_CONDITIONS.has(x.type) && x.type !== 'PodScheduled');
  return [condition('PodReadyToStartContainers', true, c.startTime), initialized, ready, containersReady, scheduled, ...others];
}

/**
 * The full `status` of a pod from its pod machine snapshot: phase (with `reason`/`message` for
 * DeadlineExceeded and Evicted), conditions with their transition times, container and init
 * container statuses, host and pod IPs, start time and QoS class. Pure and deterministic: times come
 * from the machine's recorded clock readings, container IDs from `options.runtimeId`.
 * @public
 */
export function derivePodStatus(view: PodMachineView, pod: Pod, options: PodStatusOptions = {}): PodStatus {
  const c = view.context;
  const phase = phaseOf(view);
  const hasInit = c.containers.some((s) => s.context.config.kind !== 'app');
  const idleReason = hasInit && !c.conditions.initialized ? 'PodInitializing' : 'ContainerCreating';
  const ctx: ContainerStatusContext = { podRef: `${c.name}_${c.namespace}(${c.uid})`, runtimeId: options.runtimeId ?? c.uid, idleReason };
  const podIPs = options.podIPs ?? [];
  const status: PodStatus = {
    phase,
    conditions: conditionsOf(view, pod, phase),
    ...(options.hostIP !== undefined ? { hostIP: options.hostIP, hostIPs: [{ ip: options.hostIP }] } : {}),
    ...(podIPs.length > 0 ? { podIP: podIPs[0], podIPs: podIPs.map((ip) => ({ ip })) } : {}),
    startTime: rfc3339(c.startTime),
    qosClass: qosClassOf(pod),
  };
  if (c.reason !== undefined) {
    status.reason = c.reason;
    if (c.message !== undefined) status.message = c.message;
  }
  const init = c.containers.filter((s) => s.context.config.kind !== 'app');
  if (init.length > 0) status.initContainerStatuses = init.map((s) => deriveContainerStatus(s, ctx));
  status.containerStatuses = c.containers.filter((s) => s.context.config.kind === 'app').map((s) => deriveContainerStatus(s, ctx));
  return status;
}
