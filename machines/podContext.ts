import type { Container } from 'kubernetes-types/core/v1.js';
import { containerConfig } from '../src/kubelet/containerConfig.ts';
import type { PodRecord } from '../src/kubelet/podRecord.ts';
import type { RestartPolicy } from '../src/kubelet/restartRules.ts';
import { resolveBehavior } from '../src/kubelet/workloadBehavior.ts';
import { restoredConditions, restoredContainer, restoredStartTime } from './podRestore.ts';
import type { PodMachineInput } from './podTypes.ts';
import { initialContainerSlot } from './stepContainer.ts';

/**
 * Builds the pod machine's context from the pod spec: one container slot per container, init first;
 * with `input.restored`, each slot carries what its container's written status says it was doing.
 */
export function initialPodContext(input: PodMachineInput): PodRecord {
  const { pod, clock } = input;
  const spec = pod.spec;
  const policy: RestartPolicy = spec?.restartPolicy === 'OnFailure' || spec?.restartPolicy === 'Never' ? spec.restartPolicy : 'Always';
  const graceMs = (spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const now = clock.now();
  const uid = pod.metadata?.uid ?? '';
  const restored = input.restored;
  const slot = (c: Container, kind: 'init' | 'app') => {
    const behavior = input.behaviors?.[c.name] ?? resolveBehavior(pod, c);
    const image = c.image ?? '';
    const status = (kind === 'init' ? restored?.initContainerStatuses : restored?.containerStatuses)?.find((s) => s.name === c.name);
    return initialContainerSlot({
      clock,
      config: containerConfig(c, kind, policy, graceMs, behavior),
      image,
      behavior,
      imagePresent: input.imagePresent?.(image) ?? false,
      // Container IDs in the status derive from the pod's uid (`derivePodStatus`'s default runtime id).
      ...(status !== undefined ? { restored: restoredContainer(status, uid, image) } : {}),
    });
  };
  const init = (spec?.initContainers ?? []).map((c) => slot(c, 'init'));
  const startTime = input.startTime ?? restoredStartTime(restored) ?? now;
  const conditions = { initialized: init.length === 0, initializedAt: startTime, containersReady: false, containersReadyAt: startTime };
  return {
    clock,
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    uid,
    restartPolicy: policy,
    graceMs,
    activeDeadlineMs: spec?.activeDeadlineSeconds !== undefined ? spec.activeDeadlineSeconds * 1000 : undefined,
    startTime,
    containers: [...init, ...(spec?.containers ?? []).map((c) => slot(c, 'app'))],
    conditions: restored === undefined ? conditions : restoredConditions(restored, conditions),
    reason: undefined,
    message: undefined,
    deletion: undefined,
  };
}
