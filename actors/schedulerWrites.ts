// What kube-scheduler writes to the API server: the PodScheduled=False condition and nomination of
// a pod that failed, the victims of a preemption, its Events and the simulator's decision annotations.
import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../src/api/status.ts';
import { rfc3339 } from '../src/apiserver/timestamps.ts';
import type { Client } from '../src/client/client.ts';
import { createEventRecorder, type EventRecorder, type EventType } from '../src/runtime/events/eventRecorder.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import { schedulerNameOf } from '../src/scheduler/schedulerConfig.ts';

/** The writes of one scheduler; each runs asynchronously and is counted until it settles. */
export interface SchedulerWriter {
  /** Events under the pod's scheduler name as `source.component`. */
  event(pod: Pod, type: EventType, reason: string, message: string): void;
  /**
   * `PodScheduled=False` with `reason`/`message` and, when `nomination` is given, the nominated
   * node (`''` clears it); skipped when nothing would change or the pod got bound meanwhile.
   */
  failure(pod: Pod, reason: string, message: string, nomination: string | undefined): void;
  /** Marks each victim `DisruptionTarget`, deletes it and records `Preempted`; clears the given nominations. */
  preempt(preemptor: Pod, nodeName: string, victims: readonly Pod[], clearNominationOf: readonly Pod[]): void;
  /** Merges `annotations` (the simulator's decision record) into the pod's. */
  annotate(pod: Pod, annotations: Readonly<Record<string, string>>): void;
  /** Writes not yet answered. */
  pending(): number;
}

const where = (pod: Pod): { name: string; namespace: string } => ({ name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? 'default' });

// Upstream podutil.UpdatePodCondition: the transition time moves only when the status does.
function setCondition(status: PodStatus, next: PodCondition): void {
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === next.type);
  const prev = conditions[i];
  if (prev !== undefined && prev.status === next.status && prev.reason === next.reason && prev.message === next.message) return;
  const merged = { ...next, ...(prev !== undefined && prev.status === next.status && prev.lastTransitionTime !== undefined ? { lastTransitionTime: prev.lastTransitionTime } : {}) };
  if (i < 0) conditions.push(merged);
  else conditions[i] = merged;
}

/** Creates the writer of a scheduler acting through `client`. */
export function createSchedulerWriter(client: Client, clock: Clock, log?: (line: string) => void): SchedulerWriter {
  const recorders = new Map<string, EventRecorder>();
  let inFlight = 0;
  const track = (what: string, work: () => Promise<unknown>): void => {
    inFlight++;
    // Writes start after the current action: their synchronous informer callbacks must not run inside it.
    Promise.resolve()
      .then(work)
      .catch((e: unknown) => {
        if (!isNotFound(e)) log?.(`[kube-scheduler] ${what}: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => inFlight--);
  };
  const recorder = (pod: Pod): EventRecorder => {
    const component = schedulerNameOf(pod);
    let r = recorders.get(component);
    if (r === undefined) recorders.set(component, (r = createEventRecorder(client, clock, component)));
    return r;
  };
  const mutateStatus = (pod: Pod, recipe: (status: PodStatus, d: Pod) => void): Promise<unknown> => {
    const { name, namespace } = where(pod);
    const uid = pod.metadata?.uid;
    return client.mutate<'Pod', Pod>('Pod', name, (d) => {
      if (d.metadata?.uid !== uid) return;
      const draft = d as { status?: PodStatus };
      recipe((draft.status ??= {}), d);
    }, { namespace, subresource: 'status' });
  };

  const writer: SchedulerWriter = {
    event: (pod, type, reason, message) => track(`event ${reason}`, () => recorder(pod).event(pod, type, reason, message)),
    failure(pod, reason, message, nomination) {
      track('pod status', () =>
        mutateStatus(pod, (status, d) => {
          // A pod bound meanwhile (by another binder) keeps its PodScheduled=True.
          if ((d.spec?.nodeName ?? '') !== '') return;
          setCondition(status, { type: 'PodScheduled', status: 'False', reason, message, lastTransitionTime: rfc3339(clock.now()) });
          if (nomination === '') delete status.nominatedNodeName;
          else if (nomination !== undefined) status.nominatedNodeName = nomination;
        }),
      );
    },
    preempt(preemptor, nodeName, victims, clearNominationOf) {
      const uid = preemptor.metadata?.uid ?? '';
      for (const victim of victims) {
        const { name, namespace } = where(victim);
        track(`preempt ${namespace}/${name}`, async () => {
          await mutateStatus(victim, (status) =>
            setCondition(status, {
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'PreemptionByScheduler',
              message: `${schedulerNameOf(preemptor)}: preempting to accommodate a higher priority pod`,
              lastTransitionTime: rfc3339(clock.now()),
            }),
          );
          await client.delete('Pod', name, { namespace, ...(victim.metadata?.uid === undefined ? {} : { preconditions: { uid: victim.metadata.uid } }) });
          await recorder(preemptor).event(victim, 'Normal', 'Preempted', `Preempted by pod ${uid} on node ${nodeName}`);
        });
      }
      for (const pod of clearNominationOf) {
        track('clear nomination', () => mutateStatus(pod, (status) => void delete status.nominatedNodeName));
      }
    },
    annotate(pod, annotations) {
      const { name, namespace } = where(pod);
      track('decision annotations', () =>
        client.mutate<'Pod', Pod>('Pod', name, (d) => {
          if (d.metadata?.uid !== pod.metadata?.uid) return;
          Object.assign(((d.metadata ??= {}).annotations ??= {}), annotations);
        }, { namespace }),
      );
    },
    pending: () => inFlight,
  };
  return writer;
}
