import { produce } from 'immer';
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';

// Defaults of the small cluster-policy kinds: rbac/v1, scheduling/v1 and storage/v1.

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function applySubjectDefaults(s: Subject): void {
  if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
}

/** `SetDefaults_RoleBinding`/`ClusterRoleBinding`: roleRef.apiGroup and User/Group subjects' apiGroup `rbac.authorization.k8s.io`. */
export function defaultRoleBinding<T extends RoleBinding | ClusterRoleBinding>(obj: T): T {
  return produce(obj, (d) => {
    const ref = (d.roleRef ??= {} as T['roleRef']);
    if (!ref.apiGroup) ref.apiGroup = RBAC_GROUP;
    for (const s of d.subjects ?? []) applySubjectDefaults(s);
  });
}

/** `SetDefaults_PriorityClass`: preemptionPolicy PreemptLowerPriority. */
export function defaultPriorityClass(obj: PriorityClass): PriorityClass {
  return produce(obj, (d) => {
    if (!d.preemptionPolicy) d.preemptionPolicy = 'PreemptLowerPriority';
  });
}

/** `SetDefaults_StorageClass`: reclaimPolicy Delete, volumeBindingMode Immediate. */
export function defaultStorageClass(obj: StorageClass): StorageClass {
  return produce(obj, (d) => {
    if (!d.reclaimPolicy) d.reclaimPolicy = 'Delete';
    if (!d.volumeBindingMode) d.volumeBindingMode = 'Immediate';
  });
}
