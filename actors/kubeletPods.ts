import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { createActor, fromCallback } from 'xstate';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { KubeObject } from '../src/api/meta.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../src/api/status.ts';
import { parseTimestamp } from '../src/apiserver/timestamps.ts';
import type { Client } from '../src/client/client.ts';
import type { PodRecord } from '../src/kubelet/podRecord.ts';
import { derivePodStatus } from '../src/kubelet/podStatus.ts';
import type { LogOptions } from '../src/kubelet/simulatedLogs.ts';
import { containerLogs } from '../src/kubelet/simulatedLogs.ts';
import { resolveBehavior } from '../src/kubelet/workloadBehavior.ts';
import type { ImagePolicy, ImageProfiles, WorkloadBehavior } from '../src/kubelet/workloadTypes.ts';
import type { ActivityTracker } from '../src/runtime/activity.ts';
import type { EventRecorder } from '../src/runtime/events/eventRecorder.ts';
import { mirrorPod, PodIpAllocator } from '../src/runtime/nodes/nodeSpec.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import { podMachine } from '../machines/podMachine.ts';
import type { PodMachineOutput } from '../machines/podMachine.ts';
import type { KubeletEvent } from '../machines/kubeletMachine.ts';
import type { KubeletHub } from './kubeletHub.ts';

type PodObject = Pod & KubeObject;

interface PodEntry {
  pod: PodObject;
  readonly uid: string;
  readonly actor: AnyActorRef;
  readonly ip: string;
  lastGrace: number | undefined;
  readonly images: Map<string, string>;
  lastStatus: string;
}

/** What a kubelet's pod half needs. */
export interface KubeletPodsOptions {
  readonly node: string;
  readonly hostIP: string;
  readonly podCidr: string;
  readonly client: Client;
  readonly clock: Clock;
  readonly hub: KubeletHub;
  readonly recorder: EventRecorder;
  readonly activity?: ActivityTracker;
  readonly profiles?: ImageProfiles;
  readonly imagePolicy?: ImagePolicy;
  readonly imagesOnNode?: readonly string[];
  readonly staticPods?: readonly Pod[];
  readonly inspect?: (event: InspectionEvent) => void;
}

const keyOf = (pod: PodObject): string => `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
const terminal = (pod: PodObject): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * The pod half of a kubelet: one {@link podMachine} actor per pod bound to the node, fed with the
 * pod's deletion, image changes and node events; statuses derived from the actors are written
 * through the status subresource (coalesced, only when changed); a finished deletion is confirmed
 * with a DELETE of grace 0. A restarted kubelet rebuilds its pods from the store, carrying on
 * from the status its previous run wrote (running containers keep running).
 * @internal
 */
export function createKubeletPods(o: KubeletPodsOptions) {
  const entries = new Map<string, PodEntry>();
  const ips = new PodIpAllocator(o.podCidr);
  const dirty = new Set<string>();
  let inFlight = 0;
  let flushing = false;
  const images = new Set(o.imagesOnNode ?? []);

  const behaviors = (pod: PodObject): Record<string, WorkloadBehavior> => {
    const out: Record<string, WorkloadBehavior> = {};
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) out[c.name] = resolveBehavior(pod, c, o.profiles, o.imagePolicy);
    return out;
  };

  const drop = (key: string): void => {
    const e = entries.get(key);
    if (e === undefined) return;
    entries.delete(key);
    dirty.delete(key);
    e.actor.stop();
    if (e.ip !== o.hostIP) ips.release(e.ip);
  };

  const writeOne = async (key: string): Promise<void> => {
    const e = entries.get(key);
    if (e === undefined) return;
    const snap = e.actor.getSnapshot() as { status: string; value: unknown; context: never; output?: PodMachineOutput };
    const ref = { apiVersion: 'v1' as const, kind: 'Pod' as const, metadata: { name: e.pod.metadata?.name ?? '', namespace: e.pod.metadata?.namespace ?? 'default', uid: e.uid } };
    const status = derivePodStatus(snap, e.pod, { hostIP: o.hostIP, podIPs: [e.ip] });
    const text = JSON.stringify(status);
    if (text !== e.lastStatus) {
      await o.client.updateStatus<PodObject>({ ...ref, status });
      e.lastStatus = text;
    }
    if (snap.status === 'done') {
      if (snap.output?.forced !== true) {
        await o.client.delete('Pod', ref.metadata.name, { namespace: ref.metadata.namespace, gracePeriodSeconds: 0, preconditions: { uid: e.uid } });
      }
      drop(key);
    }
  };

  const flush = async (): Promise<void> => {
    flushing = false;
    for (const key of [...dirty]) {
      dirty.delete(key);
      inFlight++;
      try {
        await writeOne(key);
      } catch (err) {
        // Gone or replaced: nothing to write. Cut off: keep it dirty; the next heartbeat retries.
        if (!isNotFound(err) && !isConflict(err)) dirty.add(key);
      } finally {
        inFlight--;
      }
    }
  };

  const markDirty = (key: string): void => {
    dirty.add(key);
    if (flushing) return;
    flushing = true;
    void Promise.resolve().then(flush);
  };

  const start = (pod: PodObject): PodEntry => {
    const key = keyOf(pod);
    const hostNetwork = pod.spec?.hostNetwork === true;
    const known = pod.status?.podIP;
    let ip: string;
    if (hostNetwork) ip = o.hostIP;
    else if (known !== undefined) {
      ip = known;
      ips.claim(known);
    } else ip = ips.allocate() ?? o.hostIP;
    const logic = podMachine.provide({
      actions: {
        writeStatus: () => markDirty(key),
        recordEvent: (_, ev) => void o.recorder.event(entries.get(key)?.pod ?? pod, ev.type, ev.reason, ev.message),
      },
    });
    const startTime = parseTimestamp(pod.status?.startTime);
    // Only the kubelet sets `startTime`: a pod that has one was run by this kubelet before it
    // restarted, and its containers are still in the container runtime (as upstream, which reads
    // them back from the runtime): the pod machine carries on from the written status.
    const restored = Number.isFinite(startTime) && pod.status !== undefined ? { restored: pod.status } : {};
    const actor = createActor(logic, {
      clock: o.clock,
      input: { pod, clock: o.clock, behaviors: behaviors(pod), imagePresent: (image: string) => images.has(image), ...(Number.isFinite(startTime) ? { startTime } : {}), ...restored },
      ...(o.inspect ? { inspect: o.inspect } : {}),
    });
    const entry: PodEntry = { pod, uid: pod.metadata?.uid ?? '', actor, ip, lastGrace: undefined, images: new Map(), lastStatus: '' };
    // The images the containers run: a restored container may still run one the spec no longer names
    // (changed while the kubelet was down); `changed` then restarts it with the spec's.
    const running = new Map((actor.getSnapshot() as { context: PodRecord }).context.containers.map((slot) => [slot.context.config.name, slot.context.image]));
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      entry.images.set(c.name, running.get(c.name) ?? c.image ?? '');
      if (c.image) images.add(c.image);
    }
    entries.set(key, entry);
    actor.subscribe((s) => {
      if (s.status === 'done') markDirty(key);
    });
    actor.start();
    markDirty(key);
    return entry;
  };

  const changed = (pod: PodObject): void => {
    const key = keyOf(pod);
    let e = entries.get(key);
    if (e !== undefined && e.uid !== pod.metadata?.uid) {
      drop(key);
      e = undefined;
    }
    if (e === undefined) {
      // A finished pod is not run again (a restarted kubelet leaves it as it is), but a deleted one is confirmed.
      if (terminal(pod)) {
        if (pod.metadata?.deletionTimestamp !== undefined) {
          inFlight++;
          void o.client
            .delete('Pod', pod.metadata.name ?? '', { namespace: pod.metadata.namespace ?? 'default', gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid ?? '' } })
            .catch(() => undefined)
            .finally(() => inFlight--);
        }
        return;
      }
      e = start(pod);
    }
    e.pod = pod;
    // Someone else changed the status we own (the node controller set Ready=False): the status manager writes ours again.
    if (e.lastStatus !== '' && JSON.stringify(pod.status) !== e.lastStatus) {
      e.lastStatus = '';
      markDirty(key);
    }
    if (pod.metadata?.deletionTimestamp !== undefined) {
      const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      if (e.lastGrace === undefined || grace < e.lastGrace) {
        e.lastGrace = grace;
        e.actor.send({ type: 'pod.delete', gracePeriodSeconds: grace });
      }
    }
    for (const c of pod.spec?.containers ?? ([] as Container[])) {
      const image = c.image ?? '';
      if (e.images.get(c.name) !== image) {
        e.images.set(c.name, image);
        e.actor.send({ type: 'container.imageChanged', container: c.name, image, behavior: resolveBehavior(pod, c, o.profiles, o.imagePolicy) });
      }
    }
  };

  // Static pods run from the kubelet's own manifests; their mirror pods come back when deleted.
  const mirrors = new Set<string>();
  const ensureMirror = async (pod: Pod): Promise<void> => {
    const node = await o.client.get('Node', o.node);
    const mirror = mirrorPod(pod, { name: o.node, uid: node.metadata.uid });
    mirrors.add(`${mirror.metadata?.namespace ?? 'default'}/${mirror.metadata?.name ?? ''}`);
    await o.client.create<Pod>(mirror).catch((e: unknown) => {
      if (!isAlreadyExists(e)) throw e;
    });
  };
  // Until the kubelet has registered its Node, there is nothing to own the mirrors: retry each second.
  let mirrorRetry: ReturnType<Clock['setTimeout']> | undefined;
  const postMirrors = (): void => {
    const missing = o.staticPods ?? [];
    if (missing.length === 0) return;
    inFlight++;
    void Promise.all(missing.map((sp) => ensureMirror(sp)))
      .catch(() => {
        mirrorRetry = o.clock.setTimeout(postMirrors, 1000);
      })
      .finally(() => inFlight--);
  };
  const deleted = (pod: PodObject): void => {
    const key = keyOf(pod);
    drop(key);
    const source = (o.staticPods ?? []).find((sp) => `${sp.metadata?.namespace ?? 'default'}/${sp.metadata?.name ?? ''}-${o.node}` === key);
    if (source !== undefined && mirrors.has(key)) {
      inFlight++;
      void ensureMirror(source)
        .catch(() => undefined)
        .finally(() => inFlight--);
    }
  };

  const logic = fromCallback<KubeletEvent>(() => {
    const unregister = o.hub.register(o.node, { changed, deleted });
    postMirrors();
    const untrack = o.activity?.register(`kubelet/${o.node}`, () => dirty.size + inFlight);
    const untick = o.hub.heartbeat(`${o.node}/pods`, () => {
      if (dirty.size > 0 && !flushing) {
        flushing = true;
        void Promise.resolve().then(flush);
      }
    });
    return () => {
      o.clock.clearTimeout(mirrorRetry);
      unregister();
      untrack?.();
      untick();
      for (const key of [...entries.keys()]) drop(key);
    };
  });

  return {
    logic,
    /** The simulated log of a container of a pod on this node. */
    logs(namespace: string, name: string, container: string | undefined, opts: LogOptions = {}): string | undefined {
      const e = entries.get(`${namespace}/${name}`);
      if (e === undefined) return undefined;
      const c = container ?? e.pod.spec?.containers[0]?.name ?? '';
      return containerLogs((e.actor.getSnapshot() as { context: never }).context, c, o.clock.now(), opts);
    },
    /** Sends an event to the actor of a pod on this node (faults: `container.exited`, `probe.result`, `node.lost` …). */
    send(namespace: string, name: string, event: { type: string; [k: string]: unknown }): boolean {
      const e = entries.get(`${namespace}/${name}`);
      e?.actor.send(event);
      return e !== undefined;
    },
    actors: (): ReadonlyMap<string, AnyActorRef> => new Map([...entries].map(([k, e]) => [k, e.actor])),
  };
}
