import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { humanDuration, parseTimestamp } from './humanDuration.ts';

/** The READY, STATUS and RESTARTS cells of `kubectl get pods`. */
export interface PodStatusCells {
  ready: string;
  status: string;
  restarts: string;
}

// The pod reason the node lifecycle controller sets on pods of an unreachable node.
const NODE_LOST = 'NodeLost';

function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function lastTerminationMs(status: ContainerStatus): number | undefined {
  return parseTimestamp(status.lastState?.terminated?.finishedAt);
}

interface Tally {
  restarts: number;
  lastRestart: number | undefined;
}

function count(tally: Tally, status: ContainerStatus): void {
  tally.restarts += status.restartCount;
  const finished = lastTerminationMs(status);
  if (finished !== undefined && (tally.lastRestart === undefined || finished > tally.lastRestart)) tally.lastRestart = finished;
}

function terminatedText(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/**
 * READY, STATUS and RESTARTS of a pod exactly as upstream `printPod` computes them: the phase (or
 * `status.reason`), `SchedulingGated`, init container progress (`Init:0/2`, `Init:CrashLoopBackOff`,
 * `Init:Error`, `Init:ExitCode:1`), the last container waiting/terminated reason (`ContainerCreating`,
 * `CrashLoopBackOff`, `Completed`, `OOMKilled`, `ExitCode:2` …), `Running`/`NotReady` when a container still
 * runs beside a completed one, `Terminating` for a deleted non-terminal pod and `Unknown` for a deleted
 * pod on a lost node. RESTARTS carries `(5m ago)` after the last restart, measured at cluster time `now`.
 * @public
 */
export function podStatusCells(pod: Pod, now: number): PodStatusCells {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initSpecs = new Map<string, Container>((spec?.initContainers ?? []).map((c) => [c.name, c]));
  let totalContainers = (spec?.containers ?? []).length;
  for (const c of spec?.initContainers ?? []) if (isRestartable(c)) totalContainers++;
  let readyContainers = 0;
  let reason = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const all: Tally = { restarts: 0, lastRestart: undefined };
  const sidecars: Tally = { restarts: 0, lastRestart: undefined };
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    if (cs === undefined) continue;
    count(all, cs);
    const restartable = isRestartable(initSpecs.get(cs.name));
    if (restartable) count(sidecars, cs);
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated !== undefined && terminated.exitCode === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated !== undefined) reason = terminatedText('Init:', terminated);
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${(spec?.initContainers ?? []).length}`;
    initializing = true;
    break;
  }

  let tally = all;
  if (!initializing || conditionTrue(pod, 'Initialized')) {
    tally = sidecars;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walk from the last container so that the first container's reason wins, as upstream does.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      if (cs === undefined) continue;
      count(tally, cs);
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated !== undefined) reason = terminatedText('', terminated);
      else if (cs.ready && cs.state?.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (deleting && status.reason === NODE_LOST) reason = 'Unknown';
  else if (deleting && !terminal) reason = 'Terminating';

  let restarts = String(tally.restarts);
  if (tally.restarts !== 0 && tally.lastRestart !== undefined) {
    restarts = `${tally.restarts} (${humanDuration(now - tally.lastRestart)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts };
}
