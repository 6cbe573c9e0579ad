import type { Container } from 'kubernetes-types/core/v1.js';
import { containerConfig } from '../src/kubelet/containerConfig.ts';
import type { PodRecord } from '../src/kubelet/podRecord.ts';
import type { RestartPolicy } from '../src/kubelet/restartRules.ts';
import { resolveBehavior } from '../src/kubelet/workloadBehavior.ts';
import type { PodMachineInput } from './podTypes.ts';
import { initialContainerSlot } from './stepContainer.ts';

/** Builds the pod machine's context from the pod spec: one container slot per container, init first. */
export function initialPodContext(input: PodMachineInput): PodRecord {
  const { pod, clock } = input;
  const spec = pod.spec;
  const policy: RestartPolicy = spec?.restartPolicy === 'OnFailure' || spec?.restartPolicy === 'Never' ? spec.restartPolicy : 'Always';
  const graceMs = (spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const now = clock.now();
  const slot = (c: Container, kind: 'init' | 'app') => {
    const behavior = input.behaviors?.[c.name] ?? resolveBehavior(pod, c);
    const image = c.image ?? '';
    return initialContainerSlot({
      clock,
      config: containerConfig(c, kind, policy, graceMs, behavior),
      image,
      behavior,
      imagePresent: input.imagePresent?.(image) ?? false,
    });
  };
  const init = (spec?.initContainers ?? []).map((c) => slot(c, 'init'));
  const startTime = input.startTime ?? now;
  return {
    clock,
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
    restartPolicy: policy,
    graceMs,
    activeDeadlineMs: spec?.activeDeadlineSeconds !== undefined ? spec.activeDeadlineSeconds * 1000 : undefined,
    startTime,
    containers: [...init, ...(spec?.containers ?? []).map((c) => slot(c, 'app'))],
    conditions: { initialized: init.length === 0, initializedAt: startTime, containersReady: false, containersReadyAt: startTime },
    reason: undefined,
    message: undefined,
    deletion: undefined,
  };
}
