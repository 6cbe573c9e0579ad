import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { AnyStateMachine, EventFromLogic, SnapshotFrom } from 'xstate';
import type { StoredObject } from '../../api/meta.ts';
import { controllerOf, objectKey } from '../../api/meta.ts';
import { labelSelectorFromSpec, matchesLabels } from '../../api/labelSelector.ts';
import { REVISION_ANNOTATION } from '../../workloads/deploymentAnnotations.ts';
import { deploymentComplete, getDeploymentCondition } from '../../workloads/deploymentConditions.ts';
import { findNewReplicaSet } from '../../workloads/deploymentReplicaSets.ts';
import type { RolloutObserved } from '../../workloads/lifecycleEvents.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';
import { createObjectMachines } from './objectMachines.ts';
import type { ObjectMachines } from './objectMachines.ts';
import { syncDeployment } from './deploymentRollout.ts';

/** Options of {@link deploymentController}. */
export interface DeploymentControllerOptions<M extends AnyStateMachine> {
  /**
   * A rollout statechart (`deploymentRolloutMachine` from machines/) run per Deployment and sent a
   * `rollout.observed` event ({@link RolloutObserved}) after every sync.
   */
  readonly rollout?: M;
}

/** The Deployment controller definition plus each Deployment's rollout state. */
export interface DeploymentControllerDefinition<M extends AnyStateMachine = AnyStateMachine> extends ControllerDefinition {
  /** The rollout snapshot of `namespace/name`, while the controller tracks it (with a `rollout` machine). */
  rollout(key: string): SnapshotFrom<M> | undefined;
}

function resolveDeployment(ctx: ReconcileContext, namespace: string | undefined, ref: OwnerReference | undefined): string | undefined {
  if (ref === undefined || ref.kind !== 'Deployment' || !ref.apiVersion.startsWith('apps/')) return undefined;
  const d = ctx.lister<Deployment>('Deployment').get(namespace, ref.name);
  return d?.metadata?.uid === ref.uid ? objectKey(d) : undefined;
}

function matchingDeployments(ctx: ReconcileContext, rs: ReplicaSet): string[] {
  return ctx
    .lister<Deployment>('Deployment')
    .list({ namespace: rs.metadata?.namespace })
    .filter((d) => {
      try {
        const sel = labelSelectorFromSpec(d.spec?.selector);
        return sel.requirements.length > 0 && matchesLabels(sel, rs.metadata?.labels);
      } catch {
        return false;
      }
    })
    .map((d) => objectKey(d));
}

// Upstream addReplicaSet / updateReplicaSet / deleteReplicaSet / deletePod handlers.
function sources(ctx: ReconcileContext, informers: Parameters<NonNullable<ControllerDefinition['sources']>>[0]['informers'], enqueue: (k: string) => void): () => void {
  const rsChanged = (rs: ReplicaSet): void => {
    const key = resolveDeployment(ctx, rs.metadata?.namespace, controllerOf(rs));
    if (key !== undefined) enqueue(key);
    else if (controllerOf(rs) === undefined && rs.metadata?.deletionTimestamp === undefined) for (const k of matchingDeployments(ctx, rs)) enqueue(k);
  };
  const stopRs = informers.informerFor<ReplicaSet>('ReplicaSet').addEventHandler({
    onAdd: rsChanged,
    onUpdate: (old, cur) => {
      const oldRef = controllerOf(old);
      if (oldRef !== undefined && oldRef.uid !== controllerOf(cur)?.uid) {
        const key = resolveDeployment(ctx, old.metadata?.namespace, oldRef);
        if (key !== undefined) enqueue(key);
      }
      rsChanged(cur);
    },
    onDelete: (rs) => {
      const key = resolveDeployment(ctx, rs.metadata?.namespace, controllerOf(rs));
      if (key !== undefined) enqueue(key);
    },
  });
  // Recreate waits for old pods to be gone: their deletion wakes the Deployment.
  const stopPods = informers.informerFor<Pod>('Pod').addEventHandler({
    onDelete: (pod) => {
      const rsRef = controllerOf(pod);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = ctx.lister<ReplicaSet>('ReplicaSet').get(pod.metadata?.namespace, rsRef.name);
      if (rs === undefined || rs.metadata?.uid !== rsRef.uid) return;
      const key = resolveDeployment(ctx, rs.metadata?.namespace, controllerOf(rs));
      const d = key === undefined ? undefined : ctx.lister<Deployment>('Deployment').get(rs.metadata?.namespace, controllerOf(rs)?.name ?? '');
      if (key !== undefined && d?.spec?.strategy?.type === 'Recreate') enqueue(key);
    },
  });
  return () => {
    stopRs();
    stopPods();
  };
}

function observed(d: StoredObject<Deployment>, rsList: readonly ReplicaSet[]): RolloutObserved {
  const p = getDeploymentCondition(d.status, 'Progressing');
  return {
    type: 'rollout.observed',
    paused: d.spec?.paused === true,
    progressing: p === undefined ? undefined : { status: p.status, reason: p.reason ?? '', message: p.message ?? '' },
    complete: deploymentComplete(d, d.status ?? {}),
    available: getDeploymentCondition(d.status, 'Available')?.status === 'True',
    revision: d.metadata.annotations?.[REVISION_ANNOTATION],
    newReplicaSet: findNewReplicaSet(d, rsList)?.metadata?.name,
  };
}

/**
 * The Deployment controller (kubernetes `pkg/controller/deployment`): RollingUpdate and Recreate
 * rollouts over ReplicaSets named `<deployment>-<pod-template-hash>`, revision annotations,
 * proportional scaling, pause and resume, revision history cleanup, and the Progressing and
 * Available conditions. Events come from `deployment-controller`. Pass
 * `{ rollout: deploymentRolloutMachine }` to track each Deployment's rollout state.
 * @public
 */
export function deploymentController<M extends AnyStateMachine = AnyStateMachine>(options: DeploymentControllerOptions<M> = {}): DeploymentControllerDefinition<M> {
  const machine = options.rollout;
  let machines: ObjectMachines<M> | undefined;
  const def = defineController({
    name: 'deployment',
    for: 'Deployment',
    sources: (src) => {
      const { informers, ctx } = src;
      const enqueue = (key: string): void => src.enqueue(key);
      machines?.clear();
      machines = machine === undefined ? undefined : createObjectMachines(machine, ctx.clock);
      return sources(ctx, informers, enqueue);
    },
    async reconcile(req, ctx) {
      if (machine !== undefined) machines ??= createObjectMachines(machine, ctx.clock);
      const cached = ctx.lister<StoredObject<Deployment>>('Deployment').get(req.namespace, req.name);
      if (cached === undefined) {
        machines?.remove(req.key);
        return {};
      }
      const { state, ...result } = await syncDeployment(ctx, cached);
      machines?.send(req.key, observed(state.d, state.rsList) as EventFromLogic<M>);
      return result;
    },
  });
  return { ...def, rollout: (key) => machines?.snapshot(key) };
}
