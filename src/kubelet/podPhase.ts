import type { ContainerSlot } from './containerRecord.ts';
import { containerView } from './containerView.ts';
import type { RestartPolicy } from './restartRules.ts';

/** A pod phase the kubelet derives (Unknown is the node's, not the kubelet's). */
export type DerivedPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/**
 * Kubelet's `getPhase` (pkg/kubelet/kubelet_pods.go, v1.30) over the pod's container slots:
 * `Failed` when an init container failed under `Never`; `Pending` while initialisation is pending or a
 * container has not started; `Running` when all started and one runs (or will restart);
 * `Succeeded`/`Failed` when all have stopped and none will restart (or the pod is terminal:
 * deleted, evicted, past its deadline).
 */
export function derivePodPhase(slots: readonly ContainerSlot[], restartPolicy: RestartPolicy, podIsTerminal: boolean): DerivedPhase {
  let pendingInit = 0;
  let failedInit = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let restarting = 0;
  let anyRegularStarted = false;
  for (const slot of slots) {
    const kind = slot.context.config.kind;
    const v = containerView(slot);
    if (kind === 'init') {
      if (v.state === 'running') pendingInit++;
      else if (v.state === 'terminated') failedInit += v.terminated !== undefined && v.terminated.exitCode !== 0 ? 1 : 0;
      else if (v.lastTerminated !== undefined) failedInit += v.lastTerminated.exitCode !== 0 ? 1 : 0;
      else pendingInit++;
      continue;
    }
    if (kind === 'sidecar') {
      if (v.state === 'running') running++;
      else if (v.state === 'waiting' && v.lastTerminated === undefined) waiting++;
      continue;
    }
    if (v.state === 'running') {
      running++;
      anyRegularStarted = true;
    } else if (v.state === 'terminated') {
      stopped++;
      anyRegularStarted = true;
      if (v.terminated?.exitCode === 0) succeeded++;
    } else if (v.lastTerminated !== undefined) {
      stopped++;
      restarting++;
      anyRegularStarted = true;
    } else waiting++;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !anyRegularStarted) || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    // A container waiting with a last state is being started again. Under Never that happens only
    // after a spec change; upstream's rule would call the pod Failed for that moment, and a terminal
    // phase cannot be left, so it counts as restarting, as it does under the other policies.
    if (restartPolicy === 'Always' || restarting > 0) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return restartPolicy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}
