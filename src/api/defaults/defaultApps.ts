import { produce } from 'immer';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { applyClaimSpecDefaults, applyPodTemplateDefaults } from './applyPodSpecDefaults.ts';

// Upstream `pkg/apis/apps/v1/defaults.go`. Each spec and its pod template are Go values, so they are
// defaulted even when absent from the request.

/** `SetDefaults_Deployment`: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600. */
export function defaultDeployment(obj: Deployment): Deployment {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
    if (spec.replicas == null) spec.replicas = 1;
    const strategy = (spec.strategy ??= {});
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {});
      if (ru.maxUnavailable == null) ru.maxUnavailable = '25%';
      if (ru.maxSurge == null) ru.maxSurge = '25%';
    }
    if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
    if (spec.progressDeadlineSeconds == null) spec.progressDeadlineSeconds = 600;
    applyPodTemplateDefaults((spec.template ??= {} as PodTemplateSpec));
  });
}

/** `SetDefaults_ReplicaSet`: replicas 1. */
export function defaultReplicaSet(obj: ReplicaSet): ReplicaSet {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {} as NonNullable<ReplicaSet['spec']>);
    if (spec.replicas == null) spec.replicas = 1;
    applyPodTemplateDefaults((spec.template ??= {}));
  });
}

/** `SetDefaults_DaemonSet`: RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10. */
export function defaultDaemonSet(obj: DaemonSet): DaemonSet {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {} as NonNullable<DaemonSet['spec']>);
    const strategy = (spec.updateStrategy ??= {});
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {});
      if (ru.maxUnavailable == null) ru.maxUnavailable = 1;
      if (ru.maxSurge == null) ru.maxSurge = 0;
    }
    if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
    applyPodTemplateDefaults((spec.template ??= {}));
  });
}

/**
 * `SetDefaults_StatefulSet`: podManagementPolicy OrderedReady, RollingUpdate with partition 0, PVC
 * retention Retain/Retain, replicas 1, revisionHistoryLimit 10; claim templates get claim defaults.
 * (`maxUnavailable` stays unset: the MaxUnavailableStatefulSet gate is off by default.)
 */
export function defaultStatefulSet(obj: StatefulSet): StatefulSet {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {} as NonNullable<StatefulSet['spec']>);
    if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
    const strategy = (spec.updateStrategy ??= {});
    if (!strategy.type) {
      strategy.type = 'RollingUpdate';
      strategy.rollingUpdate ??= {};
    }
    if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate != null && strategy.rollingUpdate.partition == null) {
      strategy.rollingUpdate.partition = 0;
    }
    const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
    if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
    if (!retention.whenScaled) retention.whenScaled = 'Retain';
    if (spec.replicas == null) spec.replicas = 1;
    if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
    applyPodTemplateDefaults((spec.template ??= {}));
    for (const claim of spec.volumeClaimTemplates ?? []) {
      applyClaimSpecDefaults((claim.spec ??= {}));
      const status = (claim.status ??= {});
      if (!status.phase) status.phase = 'Pending';
    }
  });
}
