import type { PersistentVolumeClaimSpec, PodSpec, PodTemplateSpec, Volume } from 'kubernetes-types/core/v1.js';
import { applyContainerDefaults, applyFieldRefDefaults } from './applyContainerDefaults.ts';

/** Mode bits every projected, secret, configMap and downwardAPI volume defaults to (0644). */
export const DEFAULT_VOLUME_MODE = 0o644;
/** Seconds a projected service-account token lives when unset (one hour). */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

/** `SetDefaults_PersistentVolumeClaimSpec`: volumeMode `Filesystem`. */
export function applyClaimSpecDefaults(spec: PersistentVolumeClaimSpec): void {
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
}

function applyVolumeDefaults(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && (v as unknown as Record<string, unknown>)[k] != null);
  // `SetDefaults_Volume`: a volume without a source is an emptyDir.
  if (sources.length === 0) v.emptyDir = {};
  if (v.secret && v.secret.defaultMode == null) v.secret.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.configMap && v.configMap.defaultMode == null) v.configMap.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode == null) v.downwardAPI.defaultMode = DEFAULT_VOLUME_MODE;
    for (const item of v.downwardAPI.items ?? []) applyFieldRefDefaults(item.fieldRef);
  }
  if (v.projected) {
    if (v.projected.defaultMode == null) v.projected.defaultMode = DEFAULT_VOLUME_MODE;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds == null) s.serviceAccountToken.expirationSeconds = DEFAULT_TOKEN_EXPIRATION_SECONDS;
      for (const item of s.downwardAPI?.items ?? []) applyFieldRefDefaults(item.fieldRef);
    }
  }
  if (v.hostPath && v.hostPath.type == null) v.hostPath.type = '';
  const claim = v.ephemeral?.volumeClaimTemplate;
  if (claim) applyClaimSpecDefaults((claim.spec ??= {}));
}

/**
 * `SetDefaults_PodSpec` and everything below it, as kube-apiserver applies on decode to Pods and pod
 * templates alike: dnsPolicy `ClusterFirst`, restartPolicy `Always`, securityContext `{}`,
 * terminationGracePeriodSeconds 30, schedulerName `default-scheduler`, container and volume defaults.
 */
export function applyPodSpecDefaults(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext == null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  // v1 conversion: the deprecated `serviceAccount` fills `serviceAccountName`, and is written back from it.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of spec.containers ?? []) applyContainerDefaults(c);
  for (const c of spec.initContainers ?? []) applyContainerDefaults(c);
  for (const c of spec.ephemeralContainers ?? []) applyContainerDefaults(c);
  for (const v of spec.volumes ?? []) applyVolumeDefaults(v);
}

/** Pod-spec defaults for a template; a template always has a spec (a Go value, not a pointer). */
export function applyPodTemplateDefaults(template: PodTemplateSpec): void {
  applyPodSpecDefaults((template.spec ??= {} as PodSpec));
}
