import { isDeepStrictEqual } from 'node:util';
import { freeze, produce } from 'immer';
import type { Observable } from 'rxjs';
import type { FieldError } from '../api/fieldErrors.ts';
import { fieldError, invalid } from '../api/fieldErrors.ts';
import type { AnyObject, KubeObject, StoredObject } from '../api/meta.ts';
import type { ResourceInfo, Verb } from '../api/resourceInfo.ts';
import { apiVersionOf, groupResource } from '../api/resourceInfo.ts';
import { ResourceRegistry } from '../api/resourceRegistry.ts';
import { alreadyExists, badRequest, conflict, forbidden, methodNotAllowed, notFound, requestEntityTooLarge, StatusError } from '../api/status.ts';
import type { Clock } from '../runtime/sim/clock.ts';
import type { IdSource } from '../runtime/sim/ids.ts';
import { MemoryStore } from '../store/memoryStore.ts';
import type { Store } from '../store/storeTypes.ts';
import { StoreConflictError } from '../store/storeTypes.ts';
import type { AdmissionOperation, AdmissionPlugin } from './admission.ts';
import { listObjects } from './listObjects.ts';
import { planDeletion } from './deletion.ts';
import type { CreateOptions, DeleteOptions, ListOptions, ObjectList, PatchOptions, UpdateOptions, WatchOptions, WriteOptions } from './requestOptions.ts';
import { applyPatch } from './applyPatch.ts';
import { rfc3339 } from './timestamps.ts';
import { bindPod, evictPod, scaleOf, updateScale } from './subresources.ts';
import type { Scale } from './subresources.ts';
import { WatchHub } from './watchHub.ts';
import { decodeCheck, decoding } from './decodeCheck.ts';
import type { WatchEvent } from './watchTypes.ts';

/** Kubernetes' default limit on one stored object (etcd's request limit), 1.5 MiB. */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/** Namespaces that exist when an API server starts. */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Per-kind hooks: defaulting and validation (the API server's "strategy"). */
export interface ApiStrategy {
  /** Defaulting as kube-apiserver applies on decode (plus create-only admission defaults on CREATE); must not mutate its input. */
  defaults(obj: KubeObject, info: ResourceInfo, operation: 'CREATE' | 'UPDATE'): KubeObject;
  validateCreate(obj: KubeObject, info: ResourceInfo): FieldError[];
  validateUpdate(obj: KubeObject, old: KubeObject, info: ResourceInfo): FieldError[];
}

/** Options of {@link ApiServer}. */
export interface ApiServerOptions {
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly store?: Store;
  readonly registry?: ResourceRegistry;
  readonly strategy?: ApiStrategy;
  readonly admission?: readonly AdmissionPlugin[];
  /** Largest object stored, in bytes of JSON (default {@link MAX_OBJECT_BYTES}). */
  readonly maxObjectBytes?: number;
  /** Create the system namespaces at start (default true). */
  readonly bootstrap?: boolean;
}

/** How an object's kind is named in a request: an object with apiVersion/kind, or the resource. */
export type ResourceRef = ResourceInfo | { readonly apiVersion: string; readonly kind: string } | { readonly group: string; readonly version: string; readonly kind: string };

const IDENTITY_STRATEGY: ApiStrategy = { defaults: (o) => o, validateCreate: () => [], validateUpdate: () => [] };

/**
 * The kube-apiserver actor's core: every verb on every resource, with kube-apiserver's metadata,
 * concurrency, deletion and watch semantics. Synchronous; throws {@link StatusError}. Objects it hands
 * out are deep-frozen.
 * @public
 */
export class ApiServer {
  readonly store: Store;
  readonly registry: ResourceRegistry;
  readonly clock: Clock;
  readonly ids: IdSource;
  private readonly hub: WatchHub;
  private readonly strategy: ApiStrategy;
  private readonly admission: AdmissionPlugin[];
  private readonly maxObjectBytes: number;

  constructor(options: ApiServerOptions) {
    this.clock = options.clock;
    this.ids = options.ids;
    this.store = options.store ?? new MemoryStore({ now: () => options.clock.now() });
    this.registry = options.registry ?? new ResourceRegistry();
    this.strategy = options.strategy ?? IDENTITY_STRATEGY;
    this.admission = [...(options.admission ?? [])];
    this.maxObjectBytes = options.maxObjectBytes ?? MAX_OBJECT_BYTES;
    this.hub = new WatchHub(this.store, this.clock);
    if (options.bootstrap !== false) {
      for (const name of SYSTEM_NAMESPACES) {
        if (this.store.get('namespaces', name) === undefined) this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      }
    }
  }

  /** Adds an admission plugin at the end of the chain. */
  addAdmission(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
  }

  /** The storage key of a resource (`pods`, `apps/deployments`). */
  storageKey(info: ResourceInfo): string {
    return info.group === '' ? info.plural : `${info.group}/${info.plural}`;
  }

  /** Resolves a {@link ResourceRef} to its registered resource. */
  resource(ref: ResourceRef): ResourceInfo {
    if ('verbs' in ref) return ref;
    // A custom resource's definition (defineResource) names its type by group, version and kind.
    if (!('apiVersion' in ref)) return this.registry.requireKind(ref.group === '' ? ref.version : `${ref.group}/${ref.version}`, ref.kind);
    return this.registry.requireKind(ref.apiVersion, ref.kind);
  }

  // ---- reads ----------------------------------------------------------------------------------

  get<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string, namespace?: string): StoredObject<T> {
    const info = this.resource(ref);
    this.checkVerb(info, 'get');
    const key = this.key(info, namespace, name);
    const obj = this.store.get(this.storageKey(info), key);
    if (obj === undefined) throw notFound(info.plural, name, info.group);
    return obj as StoredObject<T>;
  }

  list<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: ListOptions = {}): ObjectList<StoredObject<T>> {
    const info = this.resource(ref);
    this.checkVerb(info, 'list');
    return listObjects(this.store, this.storageKey(info), info, opts) as ObjectList<StoredObject<T>>;
  }

  watch<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: WatchOptions = {}): Observable<WatchEvent<StoredObject<T>>> {
    const info = this.resource(ref);
    this.checkVerb(info, 'watch');
    return this.hub.watch(info, this.storageKey(info), opts) as Observable<WatchEvent<StoredObject<T>>>;
  }

  /** Number of open watches (for leak checks). */
  openWatches(): number {
    return this.hub.count();
  }

  /** Ends open watches of a resource (or all) with 410 Gone, as after a compaction. */
  expireWatches(ref?: ResourceRef): number {
    return this.hub.expire(ref === undefined ? undefined : this.storageKey(this.resource(ref)));
  }

  /** Stops the watch fan-out (every open watch ends with 503). */
  close(): void {
    this.hub.close();
  }

  // ---- writes ---------------------------------------------------------------------------------

  create<T extends KubeObject = KubeObject>(obj: T, opts: CreateOptions = {}): StoredObject<T> {
    const info = this.registry.requireKind(obj.apiVersion, obj.kind);
    this.checkVerb(info, 'create');
    if (!info.stored) throw methodNotAllowed(`${info.kind} is not stored; use its subresource`);
    decodeCheck(info, obj);
    const namespace = this.requestNamespace(info, obj.metadata?.namespace, opts.namespace);
    const meta = obj.metadata ?? {};
    if (!meta.name && !meta.generateName) {
      throw invalid(info.kind, '', [fieldError.required('metadata.name', 'name or generateName is required')], info.group);
    }
    if (namespace !== undefined) this.checkNamespaceWritable(info, namespace, meta.name ?? '');
    const now = rfc3339(this.clock.now());
    let attempt = 0;
    for (;;) {
      const name = meta.name || `${meta.generateName ?? ''}${this.ids.suffix()}`;
      let next = produce(obj as KubeObject, (d) => {
        const m = (d.metadata ??= {});
        m.name = name;
        if (namespace !== undefined) m.namespace = namespace;
        else delete m.namespace;
        m.uid = this.ids.uid();
        m.creationTimestamp = now;
        m.generation = 1;
        delete m.resourceVersion;
        delete m.deletionTimestamp;
        delete m.deletionGracePeriodSeconds;
        delete m.selfLink;
        if (!d.apiVersion) d.apiVersion = apiVersionOf(info);
      });
      const decoded = next;
      next = decoding(info, () => this.strategy.defaults(decoded, info, 'CREATE'));
      next = prepareForCreate(info, next, now);
      next = this.admit('CREATE', info, next, undefined, undefined, opts);
      const admitted = next;
      const errors = decoding(info, () => this.strategy.validateCreate(admitted, info));
      if (errors.length > 0) throw invalid(info.kind, name, errors, info.group);
      this.validateAdmission('CREATE', info, next, undefined, undefined, opts);
      this.checkSize(next);
      const key = this.key(info, namespace, name);
      const storageKey = this.storageKey(info);
      if (opts.dryRun === 'All') {
        if (this.store.get(storageKey, key) !== undefined) throw alreadyExists(info.plural, name, info.group);
        return freeze(next, true) as StoredObject<T>;
      }
      try {
        return this.store.create(storageKey, key, next as StoredObject) as StoredObject<T>;
      } catch (e) {
        if (e instanceof StoreConflictError && e.code === 'exists') {
          // kube-apiserver retries a generated name that collided (RetryGenerateName, on by default since v1.31).
          if (!meta.name && ++attempt < 8) continue;
          throw alreadyExists(info.plural, name, info.group);
        }
        throw e;
      }
    }
  }

  update<T extends KubeObject = KubeObject>(obj: T, opts: UpdateOptions & { readonly namespace?: string } = {}): StoredObject<T> {
    const info = this.registry.requireKind(obj.apiVersion, obj.kind);
    this.checkVerb(info, 'update');
    decodeCheck(info, obj);
    const name = obj.metadata?.name;
    if (!name) throw invalid(info.kind, '', [fieldError.required('metadata.name', 'name is required')], info.group);
    const namespace = this.requestNamespace(info, obj.metadata?.namespace, opts.namespace);
    const storageKey = this.storageKey(info);
    const key = this.key(info, namespace, name);
    const current = this.store.get(storageKey, key);
    if (current === undefined) throw notFound(info.plural, name, info.group);
    const rv = obj.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(info.plural, name, info.group);
    const uid = obj.metadata?.uid;
    if (uid && uid !== current.metadata.uid) {
      throw conflict(info.plural, name, info.group, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`);
    }
    return this.writeUpdate(info, current, obj, opts) as StoredObject<T>;
  }

  /** Reads, changes with an immer recipe and writes back, with the read's resourceVersion as precondition. */
  mutate<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string, namespace: string | undefined, recipe: (draft: T) => void, opts: UpdateOptions = {}): StoredObject<T> {
    const current = this.get<T>(ref, name, namespace);
    const next = produce(current as T, recipe);
    return this.update(next, { ...opts, ...(namespace !== undefined ? { namespace } : {}) });
  }

  patch<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string, patch: unknown, opts: PatchOptions): StoredObject<T> {
    const info = this.resource(ref);
    this.checkVerb(info, 'patch');
    const current = this.get(info, name, opts.namespace);
    const patched = applyPatch(current, patch, opts.type, info);
    if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('the patch produced an object that is not a JSON object');
    const next = patched as KubeObject;
    if (next.metadata?.name !== undefined && next.metadata.name !== name) {
      throw invalid(info.kind, name, [fieldError.invalid('metadata.name', next.metadata.name, 'field is immutable')], info.group);
    }
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(info.plural, name, info.group);
    const withKind = { ...next, apiVersion: current.apiVersion ?? apiVersionOf(info), kind: info.kind };
    decodeCheck(info, withKind);
    return this.writeUpdate(info, current, withKind, opts) as StoredObject<T>;
  }

  delete<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string, opts: DeleteOptions = {}): StoredObject<T> {
    const info = this.resource(ref);
    this.checkVerb(info, 'delete');
    const storageKey = this.storageKey(info);
    const key = this.key(info, opts.namespace, name);
    const current = this.store.get(storageKey, key);
    if (current === undefined) throw notFound(info.plural, name, info.group);
    const pre = opts.preconditions;
    if (pre?.uid !== undefined && pre.uid !== current.metadata.uid) {
      throw conflict(info.plural, name, info.group, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(info.plural, name, info.group, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    this.validateAdmission('DELETE', info, current, current, undefined, opts);
    const plan = planDeletion(info, current, opts, this.clock.now());
    if (opts.dryRun === 'All') return (plan.kind === 'update' ? freeze(plan.object, true) : current) as StoredObject<T>;
    if (plan.kind === 'none') return current as StoredObject<T>;
    if (plan.kind === 'update') return this.store.update(storageKey, key, plan.object as StoredObject, current.metadata.resourceVersion) as StoredObject<T>;
    return this.store.delete(storageKey, key, current.metadata.resourceVersion) as StoredObject<T>;
  }

  /** The scale subresource: an `autoscaling/v1` Scale. */
  getScale(ref: ResourceRef, name: string, namespace?: string): Scale {
    const info = this.resource(ref);
    if (!info.subresources.includes('scale')) throw notFound(`${info.plural}/scale`, name, info.group);
    return scaleOf(this.get(info, name, namespace), info);
  }

  /** Writes `spec.replicas` through the scale subresource. */
  updateScale(ref: ResourceRef, name: string, scale: { metadata?: { resourceVersion?: string }; spec?: { replicas?: number } }, opts: WriteOptions & { readonly namespace?: string } = {}): Scale {
    return updateScale(this, this.resource(ref), name, opts.namespace, scale, opts);
  }

  /** The pods/binding subresource (what the scheduler calls). */
  bind(namespace: string, podName: string, nodeName: string, opts: WriteOptions = {}): StoredObject {
    return bindPod(this, namespace, podName, nodeName, opts);
  }

  /** The pods/eviction subresource: a delete that respects PodDisruptionBudgets. */
  evict(namespace: string, podName: string, deleteOptions: DeleteOptions = {}): StoredObject {
    return evictPod(this, namespace, podName, deleteOptions);
  }

  /** The namespace `finalize` subresource: sets `spec.finalizers`; a terminating namespace with none left is removed. */
  finalizeNamespace(name: string, finalizers: readonly string[], opts: WriteOptions = {}): StoredObject {
    const info = this.resource({ apiVersion: 'v1', kind: 'Namespace' });
    const current = this.get(info, name);
    const next = produce(current as AnyObject, (d) => {
      d['spec'] = { ...((d['spec']) ?? {}), finalizers: [...finalizers] };
    });
    const storageKey = this.storageKey(info);
    if (opts.dryRun === 'All') return freeze(next, true) as StoredObject;
    const updated = this.store.update(storageKey, name, next as StoredObject, current.metadata.resourceVersion);
    if (updated.metadata.deletionTimestamp !== undefined && finalizers.length === 0 && (updated.metadata.finalizers ?? []).length === 0) {
      return this.store.delete(storageKey, name);
    }
    return updated;
  }

  deleteCollection(ref: ResourceRef, opts: DeleteOptions & ListOptions = {}): StoredObject[] {
    const info = this.resource(ref);
    this.checkVerb(info, 'deletecollection');
    const { items } = this.list(info, { ...opts, limit: 0 });
    const out: StoredObject[] = [];
    for (const item of items) {
      try {
        out.push(this.delete(info, item.metadata.name, { ...opts, ...(item.metadata.namespace !== undefined ? { namespace: item.metadata.namespace } : {}) }));
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
    return out;
  }

  // ---- internals ------------------------------------------------------------------------------

  private writeUpdate(info: ResourceInfo, current: StoredObject, obj: KubeObject, opts: UpdateOptions): StoredObject {
    const statusOnly = opts.subresource === 'status';
    if (statusOnly && !info.subresources.includes('status')) throw notFound(`${info.plural}/status`, current.metadata.name, info.group);
    const hasStatus = info.subresources.includes('status');
    let next: KubeObject;
    if (statusOnly) {
      const status = (obj as AnyObject)['status'];
      next = produce(current as AnyObject, (d) => {
        if (status === undefined) delete d['status'];
        else d['status'] = status;
      });
    } else {
      next = decoding(info, () => this.strategy.defaults(obj, info, 'UPDATE'));
      const currentStatus = (current as AnyObject)['status'];
      next = produce(next as AnyObject, (d) => {
        const m = (d.metadata ??= {});
        const c = current.metadata;
        m.name = c.name;
        if (c.namespace !== undefined) m.namespace = c.namespace;
        m.uid = c.uid;
        if (c.creationTimestamp !== undefined) m.creationTimestamp = c.creationTimestamp;
        else delete m.creationTimestamp;
        if (c.deletionTimestamp !== undefined) m.deletionTimestamp = c.deletionTimestamp;
        else delete m.deletionTimestamp;
        if (c.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds;
        else delete m.deletionGracePeriodSeconds;
        m.generation = c.generation ?? 1;
        m.resourceVersion = c.resourceVersion;
        d.apiVersion = current.apiVersion ?? apiVersionOf(info);
        if (hasStatus) {
          if (currentStatus === undefined) delete d['status'];
          else d['status'] = currentStatus;
        }
        if (isNamespace(info)) {
          // spec.finalizers changes only through the finalize subresource.
          const finalizers = ((current as AnyObject)['spec'] as { finalizers?: string[] } | undefined)?.finalizers;
          const spec = ((d['spec'] as { finalizers?: string[] } | undefined) ?? {});
          if (finalizers === undefined) delete spec.finalizers;
          else spec.finalizers = [...finalizers];
          d['spec'] = spec;
        }
      });
    }
    const errors: FieldError[] = [];
    if (current.metadata.deletionTimestamp !== undefined) {
      const before = new Set(current.metadata.finalizers ?? []);
      const added = (next.metadata?.finalizers ?? []).filter((f) => !before.has(f));
      if (added.length > 0) errors.push(fieldError.forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`));
    }
    if (!statusOnly && specChanged(current, next)) {
      next = produce(next, (d) => {
        (d.metadata ??= {}).generation = (current.metadata.generation ?? 1) + 1;
      });
    }
    next = this.admit('UPDATE', info, next, current, opts.subresource, opts);
    const admitted = next;
    errors.push(...decoding(info, () => this.strategy.validateUpdate(admitted, current, info)));
    if (errors.length > 0) throw invalid(info.kind, current.metadata.name, errors, info.group);
    this.validateAdmission('UPDATE', info, next, current, opts.subresource, opts);
    this.checkSize(next);
    if (isDeepStrictEqual(next, current)) return current;
    if (opts.dryRun === 'All') return freeze(next, true) as StoredObject;
    const storageKey = this.storageKey(info);
    const key = this.key(info, current.metadata.namespace, current.metadata.name);
    const m = next.metadata ?? {};
    if (m.deletionTimestamp !== undefined && (m.finalizers ?? []).length === 0 && (m.deletionGracePeriodSeconds ?? 0) === 0 && !namespaceHoldsFinalizers(info, next)) {
      // The last finalizer is gone from an object being deleted: it goes now.
      this.store.update(storageKey, key, next as StoredObject, current.metadata.resourceVersion);
      return this.store.delete(storageKey, key);
    }
    return this.store.update(storageKey, key, next as StoredObject, current.metadata.resourceVersion);
  }

  private admit(op: AdmissionOperation, info: ResourceInfo, obj: KubeObject, old: StoredObject | undefined, subresource: string | undefined, opts: { user?: string; dryRun?: 'All' }): KubeObject {
    let next = obj;
    for (const p of this.admission) {
      if (p.mutate === undefined) continue;
      const out = p.mutate({ operation: op, resource: info, subresource, namespace: next.metadata?.namespace, name: next.metadata?.name ?? '', object: next, oldObject: old, user: opts.user, dryRun: opts.dryRun === 'All' });
      if (out !== undefined) next = out;
    }
    return next;
  }

  private validateAdmission(op: AdmissionOperation, info: ResourceInfo, obj: KubeObject, old: StoredObject | undefined, subresource: string | undefined, opts: { user?: string; dryRun?: 'All' }): void {
    for (const p of this.admission) {
      p.validate?.({ operation: op, resource: info, subresource, namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '', object: obj, oldObject: old, user: opts.user, dryRun: opts.dryRun === 'All' });
    }
  }

  private checkVerb(info: ResourceInfo, verb: Verb): void {
    if (!info.verbs.includes(verb)) throw methodNotAllowed(`the server does not allow this method on the requested resource (${verb} ${groupResource(info)})`);
  }

  private checkSize(obj: KubeObject): void {
    const text = JSON.stringify(obj);
    // A UTF-16 unit is at most 3 UTF-8 bytes: only count bytes when the text could be over the limit.
    if (text.length * 3 <= this.maxObjectBytes) return;
    if (Buffer.byteLength(text) > this.maxObjectBytes) throw requestEntityTooLarge(`Request entity too large: limit is ${this.maxObjectBytes}`);
  }

  private requestNamespace(info: ResourceInfo, objectNs: string | undefined, requestNs: string | undefined): string | undefined {
    if (!info.namespaced) return undefined;
    if (objectNs && requestNs && objectNs !== requestNs) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    return objectNs || requestNs || 'default';
  }

  private checkNamespaceWritable(info: ResourceInfo, namespace: string, name: string): void {
    const ns = this.store.get('namespaces', namespace);
    if (ns === undefined) throw notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp !== undefined) {
      throw forbidden(info.plural, name, `unable to create new content in namespace ${namespace} because it is being terminated`, info.group);
    }
  }

  private key(info: ResourceInfo, namespace: string | undefined, name: string): string {
    if (!info.namespaced) return name;
    return `${namespace || 'default'}/${name}`;
  }
}

function isNamespace(info: ResourceInfo): boolean {
  return info.kind === 'Namespace' && info.group === '';
}

function namespaceHoldsFinalizers(info: ResourceInfo, obj: KubeObject): boolean {
  if (!isNamespace(info)) return false;
  const spec = (obj as AnyObject)['spec'] as { finalizers?: string[] } | undefined;
  return (spec?.finalizers ?? []).length > 0;
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): Record<string, unknown> => {
    const { metadata: _m, status: _s, ...rest } = o as AnyObject;
    return rest;
  };
  return !isDeepStrictEqual(strip(a), strip(b));
}

// kube-apiserver drops client-set status on create for resources with a status subresource
// (Nodes keep theirs: the kubelet registers with status). Pods start Pending.
// PersistentVolumes start Pending with the phase transition time (GA in v1.31), claims Pending.
function prepareForCreate(info: ResourceInfo, obj: KubeObject, now: string): KubeObject {
  if (!info.subresources.includes('status') || (info.group === '' && info.kind === 'Node')) return obj;
  const core = info.group === '';
  return produce(obj as AnyObject, (d) => {
    if (core && info.kind === 'Pod') d['status'] = { phase: 'Pending' };
    else if (core && info.kind === 'Namespace') d['status'] = { phase: 'Active' };
    else if (core && info.kind === 'PersistentVolume') d['status'] = { phase: 'Pending', lastPhaseTransitionTime: now };
    else if (core && info.kind === 'PersistentVolumeClaim') d['status'] = { phase: 'Pending' };
    else delete d['status'];
  });
}
