import type { Observable } from 'rxjs';
import { produce } from 'immer';
import type { KubeObject, StoredObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { StatusError } from '../api/status.ts';
import type { ApiServer, ResourceRef } from '../apiserver/apiServer.ts';
import type { CreateOptions, DeleteOptions, ListOptions, ObjectList, PatchOptions, UpdateOptions, WatchOptions, WriteOptions } from '../apiserver/requestOptions.ts';
import type { Scale } from '../apiserver/subresources.ts';
import type { WatchEvent } from '../apiserver/watchTypes.ts';
import type { KindOf, KnownKinds } from './knownKinds.ts';

/**
 * How a request names a type: a built-in Kind (`'Pod'`), anything `kubectl get` accepts
 * (`'pods'`, `'deploy'`, `'deployments.apps'`), an `{ apiVersion, kind }` pair, or a resource.
 * @public
 */
export type TypeRef = keyof KnownKinds | (string & {}) | ResourceRef;

type Obj<R, T> = StoredObject<KindOf<R, T> & KubeObject>;

/**
 * The typed, asynchronous client every component and user writes through (client-go's dynamic
 * client plus controller-runtime's Reader/Writer). Failures reject with a `StatusError`.
 * @public
 */
export interface Client {
  create<T extends KubeObject>(obj: T, opts?: CreateOptions): Promise<StoredObject<T>>;
  get<R extends TypeRef, T extends KubeObject = KubeObject>(type: R, name: string, opts?: { namespace?: string }): Promise<Obj<R, T>>;
  list<R extends TypeRef, T extends KubeObject = KubeObject>(type: R, opts?: ListOptions): Promise<ObjectList<Obj<R, T>>>;
  /** Writes a whole object; its `metadata.resourceVersion`, when set, is a precondition (409 on mismatch). */
  update<T extends KubeObject>(obj: T, opts?: UpdateOptions): Promise<StoredObject<T>>;
  /** Writes only `.status` (the status subresource). */
  updateStatus<T extends KubeObject>(obj: T, opts?: Omit<UpdateOptions, 'subresource'>): Promise<StoredObject<T>>;
  /**
   * Reads the object, applies an immer recipe and writes it back with the read's resourceVersion
   * as precondition; on a conflict it reads again and retries (like client-go's `RetryOnConflict`).
   */
  mutate<R extends TypeRef, T extends KubeObject = KubeObject>(type: R, name: string, recipe: (draft: KindOf<R, T>) => void, opts?: UpdateOptions & { namespace?: string; retries?: number }): Promise<Obj<R, T>>;
  patch<R extends TypeRef, T extends KubeObject = KubeObject>(type: R, name: string, patch: unknown, opts: PatchOptions): Promise<Obj<R, T>>;
  /** Deletes (or marks for deletion) and resolves with the object as it was left. */
  delete<R extends TypeRef, T extends KubeObject = KubeObject>(type: R, name: string, opts?: DeleteOptions): Promise<Obj<R, T>>;
  deleteCollection<R extends TypeRef, T extends KubeObject = KubeObject>(type: R, opts?: DeleteOptions & ListOptions): Promise<Obj<R, T>[]>;
  watch<R extends TypeRef, T extends KubeObject = KubeObject>(type: R, opts?: WatchOptions): Observable<WatchEvent<Obj<R, T>>>;
  /** The scale subresource of a scalable type. */
  getScale(type: TypeRef, name: string, opts?: { namespace?: string }): Promise<Scale>;
  updateScale(type: TypeRef, name: string, replicas: number, opts?: WriteOptions & { namespace?: string; resourceVersion?: string }): Promise<Scale>;
  /** The pods/binding subresource: assigns a pod to a node (what a scheduler does). */
  bind(namespace: string, podName: string, nodeName: string, opts?: WriteOptions): Promise<StoredObject>;
  /** The pods/eviction subresource: a delete that respects PodDisruptionBudgets (429 when it would not). */
  evict(namespace: string, podName: string, opts?: DeleteOptions): Promise<StoredObject>;
  /** The Namespace `finalize` subresource: replaces `spec.finalizers`. */
  finalizeNamespace(name: string, finalizers: readonly string[]): Promise<StoredObject>;
  /** Resolves a {@link TypeRef} to its resource (throws 404 for unknown types). */
  resource(type: TypeRef): ResourceInfo;
  /** Every resource the server serves (discovery). */
  resources(): readonly ResourceInfo[];
}

function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/**
 * A {@link Client} over an in-process {@link ApiServer}.
 * @public
 */
export function createClient(api: ApiServer, defaults: { user?: string } = {}): Client {
  const resolve = (type: TypeRef): ResourceInfo => {
    if (typeof type !== 'string') return api.resource(type);
    const info = api.registry.resolve(type);
    if (info === undefined) throw new StatusError(404, 'NotFound', `the server doesn't have a resource type "${type}"`);
    return info;
  };
  const user = defaults.user !== undefined ? { user: defaults.user } : {};
  const client: Client = {
    resource: resolve,
    resources: () => api.registry.list(),
    create: (obj, opts) => settle(() => api.create(obj, { ...user, ...opts })),
    get: (type, name, opts) => settle(() => api.get<KubeObject>(resolve(type), name, opts?.namespace) as never),
    list: (type, opts) => settle(() => api.list(resolve(type), opts) as never),
    update: (obj, opts) => settle(() => api.update(obj, { ...user, ...opts })),
    updateStatus: (obj, opts) => settle(() => api.update(obj, { ...user, ...opts, subresource: 'status' })),
    mutate: (type, name, recipe, opts = {}) =>
      settle(() => {
        const info = resolve(type);
        const retries = opts.retries ?? 5;
        for (let attempt = 0; ; attempt++) {
          const current = api.get(info, name, opts.namespace);
          const next: KubeObject = produce<KubeObject>(current, recipe as (d: KubeObject) => void);
          try {
            return api.update(next, { ...user, ...opts }) as never;
          } catch (e) {
            if (!(e instanceof StatusError && e.reason === 'Conflict') || attempt >= retries) throw e;
          }
        }
      }),
    patch: (type, name, patch, opts) => settle(() => api.patch<KubeObject>(resolve(type), name, patch, { ...user, ...opts }) as never),
    delete: (type, name, opts) => settle(() => api.delete<KubeObject>(resolve(type), name, { ...user, ...opts }) as never),
    deleteCollection: (type, opts) => settle(() => api.deleteCollection(resolve(type), { ...user, ...opts }) as never),
    watch: (type, opts) => api.watch(resolve(type), opts) as never,
    getScale: (type, name, opts) => settle(() => api.getScale(resolve(type), name, opts?.namespace)),
    updateScale: (type, name, replicas, opts = {}) =>
      settle(() => api.updateScale(resolve(type), name, { spec: { replicas }, ...(opts.resourceVersion ? { metadata: { resourceVersion: opts.resourceVersion } } : {}) }, { ...user, ...opts })),
    bind: (namespace, podName, nodeName, opts) => settle(() => api.bind(namespace, podName, nodeName, { ...user, ...opts })),
    evict: (namespace, podName, opts) => settle(() => api.evict(namespace, podName, { ...user, ...opts })),
    finalizeNamespace: (name, finalizers) => settle(() => api.finalizeNamespace(name, finalizers, user)),
  };
  return client;
}
