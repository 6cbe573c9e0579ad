import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject, StoredObject } from '../../api/meta.ts';
import { isNotFound, isStatusError } from '../../api/status.ts';
import { podFromTemplate } from '../../workloads/podTemplate.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';

/** The message of anything thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}

/** Whether a create failed only because its namespace is being deleted (upstream `NamespaceTerminatingCause`). */
export function isNamespaceTerminating(e: unknown): boolean {
  if (!isStatusError(e)) return false;
  return (e.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating') || /because it is being terminated/.test(e.message);
}

/**
 * Upstream `RealPodControl.CreatePods`: creates a pod from the template controlled by `owner`, and
 * records `SuccessfulCreate` (`Created pod: <name>`) or `FailedCreate` (`Error creating: <error>`).
 */
export async function createControlledPod(ctx: ReconcileContext, owner: KubeObject, template: PodTemplateSpec, controllerRef: OwnerReference): Promise<StoredObject<Pod>> {
  const pod = podFromTemplate(template, owner.metadata?.name ?? '', owner.metadata?.namespace, controllerRef);
  if (Object.keys(pod.metadata?.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
  try {
    const created = await ctx.client.create(pod);
    void ctx.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    return created;
  } catch (e) {
    if (!isNamespaceTerminating(e)) void ctx.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(e)}`);
    throw e;
  }
}

/**
 * Upstream `RealPodControl.DeletePod`: deletes the pod and records `SuccessfulDelete` (`Deleted pod: <name>`)
 * or `FailedDelete` (`Error deleting: <error>`); a pod already gone rejects with the NotFound error, no event.
 */
export async function deleteControlledPod(ctx: ReconcileContext, owner: KubeObject, namespace: string | undefined, name: string): Promise<void> {
  try {
    await ctx.client.delete('Pod', name, namespace !== undefined ? { namespace } : {});
  } catch (e) {
    if (isNotFound(e)) throw e;
    void ctx.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(e)}`);
    throw new Error(`unable to delete pods: ${errorMessage(e)}`, { cause: e });
  }
  void ctx.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
}
