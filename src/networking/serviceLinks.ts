import type { ConfigMap, Container, EnvVar, Pod, Secret, Service } from 'kubernetes-types/core/v1.js';
import type { Store, StoreEvent } from '../store/storeTypes.ts';
import { containerEnvironment, MASTER_SERVICE_NAMESPACE, MASTER_SERVICES, serviceEnvironment } from './serviceEnvironment.ts';

interface ServiceRef {
  readonly key: string;
  readonly uid: string;
}

/** Which Services a pod's environment is built from, and the environment itself. */
export interface ServiceLinks {
  /** The Services the pod saw when it was created that still exist (same uid). */
  servicesFor(pod: Pod): Service[];
  /** The environment of `container` of `pod`: its own env plus the service variables, sorted by name. */
  environment(pod: Pod, container: Container | string): Record<string, string>;
  stop(): void;
}

const FIELD_PATHS: Record<string, (pod: Pod) => string | undefined> = {
  'metadata.name': (p) => p.metadata?.name,
  'metadata.namespace': (p) => p.metadata?.namespace,
  'metadata.uid': (p) => p.metadata?.uid,
  'spec.nodeName': (p) => p.spec?.nodeName,
  'spec.serviceAccountName': (p) => p.spec?.serviceAccountName,
  'status.podIP': (p) => p.status?.podIP,
  'status.hostIP': (p) => p.status?.hostIP,
};

// The downward API and ConfigMap/Secret keys, read from the store as the kubelet would at start.
function resolveValueFrom(store: Store, pod: Pod, env: EnvVar): string | undefined {
  const from = env.valueFrom;
  const ns = pod.metadata?.namespace ?? 'default';
  const path = from?.fieldRef?.fieldPath;
  if (path !== undefined) {
    const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
    if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2] ?? ''];
    return FIELD_PATHS[path]?.(pod);
  }
  if (from?.configMapKeyRef) {
    const cm = store.get('configmaps', `${ns}/${from.configMapKeyRef.name}`) as ConfigMap | undefined;
    return cm?.data?.[from.configMapKeyRef.key];
  }
  if (from?.secretKeyRef) {
    const s = store.get('secrets', `${ns}/${from.secretKeyRef.name}`) as Secret | undefined;
    const v = s?.data?.[from.secretKeyRef.key];
    return v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');
  }
  return undefined;
}

/**
 * Service links, decided like this: the kubelet builds a container's service variables when it
 * starts the container; the simulator fixes the set of Services when the pod is *created* (the rule
 * the seeds teach: "Services created after the pod are not in its environment") and never changes
 * the pod spec. It follows the store in revision order, so the snapshot taken when a pod is added is
 * exactly the Services that existed at that revision; snapshots are shared between pods of a
 * namespace while its Services do not change. Values come from the Services as they are now
 * (a deleted Service drops out). Pods that were in the store before this started fall back to
 * Services created no later than the pod.
 * @public
 */
export function createServiceLinks(store: Store): ServiceLinks {
  const live = new Map<string, Service>();
  const byPod = new Map<string, readonly ServiceRef[]>();
  const cache = new Map<string, { version: number; refs: readonly ServiceRef[] }>();
  let version = 0;
  const nsOf = (key: string): string => key.slice(0, key.indexOf('/'));

  const snapshot = (ns: string): readonly ServiceRef[] => {
    const hit = cache.get(ns);
    if (hit?.version === version) return hit.refs;
    const refs: ServiceRef[] = [];
    for (const [key, svc] of live) {
      const name = key.slice(key.indexOf('/') + 1);
      if (nsOf(key) === ns || (nsOf(key) === MASTER_SERVICE_NAMESPACE && MASTER_SERVICES.includes(name))) refs.push({ key, uid: svc.metadata?.uid ?? '' });
    }
    cache.set(ns, { version, refs });
    return refs;
  };

  for (const s of store.list('services').items) live.set(`${s.metadata.namespace}/${s.metadata.name}`, s as Service);
  const unsubscribe = store.subscribe((e: StoreEvent) => {
    if (e.resource === 'services') {
      version++;
      if (e.type === 'DELETED') live.delete(e.key);
      else live.set(e.key, e.object as Service);
    } else if (e.resource === 'pods') {
      if (e.type === 'ADDED') byPod.set(e.object.metadata.uid, snapshot(nsOf(e.key)));
      else if (e.type === 'DELETED') byPod.delete(e.object.metadata.uid);
    }
  });

  const servicesFor = (pod: Pod): Service[] => {
    const refs = byPod.get(pod.metadata?.uid ?? '');
    if (refs !== undefined) {
      return refs.map((r) => live.get(r.key)).filter((s, i): s is Service => s !== undefined && s.metadata?.uid === refs[i]?.uid);
    }
    const created = pod.metadata?.creationTimestamp ?? '';
    return [...live.values()].filter((s) => (s.metadata?.creationTimestamp ?? '') <= created);
  };

  return {
    servicesFor,
    environment(pod, container) {
      const c = typeof container === 'string' ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === container) : container;
      if (c === undefined) throw new Error(`pod ${pod.metadata?.name ?? ''} has no container ${typeof container === 'string' ? container : container.name}`);
      return containerEnvironment(c, serviceEnvironment(pod, servicesFor(pod)), (env) => resolveValueFrom(store, pod, env));
    },
    stop: unsubscribe,
  };
}
