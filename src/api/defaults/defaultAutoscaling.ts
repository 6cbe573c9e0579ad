import { produce } from 'immer';
import type { HorizontalPodAutoscaler, HPAScalingRules } from 'kubernetes-types/autoscaling/v2.js';

/** CPU utilization an HPA without metrics targets (percent). */
export const DEFAULT_CPU_UTILIZATION = 80;

const scaleUpDefaults = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

// The scale-down stabilization window stays unset: the controller's --horizontal-pod-autoscaler-downscale-stabilization applies.
const scaleDownDefaults = (): HPAScalingRules => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

// Upstream `copyHPAScalingRules`: set fields of `from` win over the defaults.
function mergeRules(from: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (from == null) return defaults;
  return {
    ...defaults,
    ...(from.selectPolicy != null ? { selectPolicy: from.selectPolicy } : {}),
    ...(from.stabilizationWindowSeconds != null ? { stabilizationWindowSeconds: from.stabilizationWindowSeconds } : {}),
    ...(from.policies != null ? { policies: from.policies } : {}),
  };
}

/**
 * `SetDefaults_HorizontalPodAutoscaler` (autoscaling/v2): minReplicas 1; no metrics → CPU at 80%
 * average utilization; a present `behavior` gets its unset scale-up/scale-down rules filled in.
 */
export function defaultHorizontalPodAutoscaler(obj: HorizontalPodAutoscaler): HorizontalPodAutoscaler {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {} as NonNullable<HorizontalPodAutoscaler['spec']>);
    if (spec.minReplicas == null) spec.minReplicas = 1;
    if ((spec.metrics ?? []).length === 0) {
      spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
    }
    if (spec.behavior != null) {
      spec.behavior.scaleUp = mergeRules(spec.behavior.scaleUp, scaleUpDefaults());
      spec.behavior.scaleDown = mergeRules(spec.behavior.scaleDown, scaleDownDefaults());
    }
  });
}
