import type { AnyActorRef } from 'xstate';
import { catalogueEntry } from '../../machines/catalogue.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { actorName, machineIdOf, objectOf, stateText, summarizeContext } from './actorInfo.ts';

/** One live actor as {@link inspectCluster} reports it (JSON-serializable). */
export interface ActorSnapshot {
  /** SystemId, path under one (`controller/deployment/wiring`), or `machine:object`. */
  readonly name: string;
  /** The actor's own id (its key among its parent's children). */
  readonly id: string;
  readonly parent?: string;
  /** Machine id (`pod`); absent for callback and promise actors. */
  readonly machine?: string;
  /** What its catalogue entry says one actor models (`Pod`, `kube-scheduler`). */
  readonly models?: string;
  /** The object it stands for (`default/web`), from its input. */
  readonly object?: string;
  /** `active`, `done`, `error`. */
  readonly status: string;
  /** State value (machines only). */
  readonly state?: unknown;
  /** The state value as one line (`running.idle`). */
  readonly stateText?: string;
  /** The small, serializable part of its context. */
  readonly context?: Record<string, unknown>;
  /** When its current state began (cluster ms), if a tracer saw it. */
  readonly since?: number;
}

/** Every live actor of a cluster at one moment. */
export interface ClusterInspection {
  /** Cluster time, ms since the epoch. */
  readonly time: number;
  readonly actors: readonly ActorSnapshot[];
}

// A stopped actor keeps its last snapshot; its processing status says it is gone.
function isLive(ref: AnyActorRef): boolean {
  const status = (ref.getSnapshot() as { status?: string } | undefined)?.status;
  return status === 'active' && (ref as unknown as { _processingStatus?: number })._processingStatus !== 2;
}

function describe(ref: AnyActorRef, name: string, parent: string | undefined, since: number | undefined): ActorSnapshot {
  const snapshot = ref.getSnapshot() as { status?: string; value?: unknown; context?: unknown } | undefined;
  const machine = machineIdOf(ref);
  const models = machine === undefined ? undefined : catalogueEntry(machine)?.models;
  const object = objectOf(ref);
  const context = machine === undefined ? undefined : summarizeContext(snapshot?.context);
  return {
    name,
    id: ref.id,
    status: snapshot?.status ?? 'active',
    ...(parent !== undefined ? { parent } : {}),
    ...(machine !== undefined ? { machine } : {}),
    ...(models !== undefined ? { models } : {}),
    ...(object !== undefined ? { object } : {}),
    ...(snapshot?.value !== undefined ? { state: snapshot.value, stateText: stateText(snapshot.value) } : {}),
    ...(context !== undefined && Object.keys(context).length > 0 ? { context } : {}),
    ...(since !== undefined ? { since } : {}),
  };
}

/**
 * A snapshot of every live actor of a cluster: the actor tree under `cluster.root` (components,
 * controllers, their children) and, when the cluster has a tracer, the per-object actors created
 * outside the tree (a controller's actor per object) — each with its machine, state, object and key
 * context fields. Small and JSON-serializable.
 * @public
 */
export function inspectCluster(cluster: Cluster): ClusterInspection {
  const since = new Map<unknown, number>();
  const names = new Map<unknown, string>();
  for (const a of cluster.tracer?.actors() ?? []) {
    since.set(a.ref, a.since);
    names.set(a.ref, a.name);
  }
  const actors: ActorSnapshot[] = [];
  const seen = new Set<AnyActorRef>();
  let anonymous = 0;
  const walk = (ref: AnyActorRef, parent: string | undefined): void => {
    if (seen.has(ref) || !isLive(ref)) return;
    seen.add(ref);
    const name = names.get(ref) ?? actorName(ref, () => `actor#${anonymous++}`);
    actors.push(describe(ref, name, parent, since.get(ref)));
    const children = (ref.getSnapshot() as { children?: Record<string, AnyActorRef | undefined> }).children ?? {};
    for (const child of Object.values(children)) if (child !== undefined) walk(child, name);
  };
  walk(cluster.root, undefined);
  for (const a of cluster.tracer?.actors() ?? []) {
    const ref = a.ref as AnyActorRef;
    if (!seen.has(ref) && isLive(ref)) walk(ref, a.parent);
  }
  return { time: cluster.clock.now(), actors };
}
