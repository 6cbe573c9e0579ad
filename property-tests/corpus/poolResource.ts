import fc from 'fast-check';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject, StoredObject } from '../../src/api/meta.ts';
import { controllerOf } from '../../src/api/meta.ts';
import type { ReconcileContext } from '../../src/runtime/controller/reconcileTypes.ts';
import { defineResource } from '../../src/runtime/resources/defineResource.ts';

/** API group of the corpus resources. */
export const POOL_GROUP = 'corpus.kubeactors.dev';
/** `apiVersion` of a Pool. */
export const POOL_API_VERSION = `${POOL_GROUP}/v1`;
/** How requests name the Pool type. */
export const POOL_TYPE = { apiVersion: POOL_API_VERSION, kind: 'Pool' } as const;
/** Label every member ConfigMap carries: `pool=<pool name>`. */
export const POOL_LABEL = 'pool';
/** Label holding a member's ordinal (only on members with deterministic `<pool>-<i>` names). */
export const INDEX_LABEL = `${POOL_GROUP}/index`;
/** The image a Pool gets when its spec names none (the schema default). */
export const DEFAULT_IMAGE = 'app:v1';
/** Images the generated specs use. */
export const POOL_IMAGES = ['app:v1', 'app:v2', 'app:v3'] as const;
/** Largest `spec.replicas` the schema accepts. */
export const MAX_REPLICAS = 5;

/** What a Pool asks for. */
export interface PoolSpec {
  replicas: number;
  image?: string;
}

/** What a Pool's controller reports. */
export interface PoolStatus {
  replicas?: number;
  /** Members running `spec.image`. */
  readyReplicas?: number;
  phase?: 'Pending' | 'Scaling' | 'Ready';
  observedGeneration?: number;
  /** Names of the members, sorted. */
  members?: string[];
}

/** A Pool: a named set of interchangeable members (ConfigMaps), a ReplicaSet in miniature. */
export interface Pool extends KubeObject {
  spec: PoolSpec;
  status?: PoolStatus;
}

/** A Pool as the API server hands it out. */
export type StoredPool = StoredObject<Pool>;
/** A member as the API server hands it out. */
export type Member = StoredObject<ConfigMap>;

const statusSchema = {
  type: 'object',
  properties: {
    replicas: { type: 'integer', minimum: 0 },
    readyReplicas: { type: 'integer', minimum: 0 },
    phase: { type: 'string', enum: ['Pending', 'Scaling', 'Ready'] },
    observedGeneration: { type: 'integer', minimum: 0 },
    members: { type: 'array', items: { type: 'string' } },
  },
};

/**
 * The corpus's shared custom resource: `pools.corpus.kubeactors.dev/v1`, namespaced, with status
 * and scale subresources. `spec.replicas` (0–5) is required, `spec.image` defaults to `app:v1`.
 * @public
 */
export const poolResource = defineResource({
  group: POOL_GROUP,
  version: 'v1',
  kind: 'Pool',
  scope: 'Namespaced',
  subresources: { status: true, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
  schema: {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        type: 'object',
        required: ['replicas'],
        properties: {
          replicas: { type: 'integer', minimum: 0, maximum: MAX_REPLICAS },
          image: { type: 'string', minLength: 1, default: DEFAULT_IMAGE },
        },
      },
      status: statusSchema,
    },
  },
});

/** Specs for the harness: 0–4 replicas (the default scale range) and one of three images. */
export const poolSpecArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record({
  replicas: fc.integer({ min: 0, max: 4 }),
  image: fc.constantFrom(...POOL_IMAGES),
});

/** A Pool manifest. */
export function poolManifest(name: string, spec: PoolSpec, namespace = 'default'): Pool {
  return { apiVersion: POOL_API_VERSION, kind: 'Pool', metadata: { name, namespace }, spec };
}

/** The image a Pool's members should run. */
export function imageOf(pool: Pool): string {
  return pool.spec.image ?? DEFAULT_IMAGE;
}

/** The controller owner reference a member of `pool` carries (with `blockOwnerDeletion`, as ReplicaSets set it). */
export function poolOwnerRef(pool: { metadata: { name: string; uid: string } }, uid = pool.metadata.uid): OwnerReference {
  return { apiVersion: POOL_API_VERSION, kind: 'Pool', name: pool.metadata.name, uid, controller: true, blockOwnerDeletion: true };
}

/** The deterministic name of a pool's member `index`. */
export function memberName(poolName: string, index: number): string {
  return `${poolName}-${index}`;
}

/** The ordinal of a member named `<pool>-<i>`, or undefined for any other name. */
export function memberIndex(poolName: string, name: string): number | undefined {
  if (!name.startsWith(`${poolName}-`)) return undefined;
  const rest = name.slice(poolName.length + 1);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : undefined;
}

/** The pool a ConfigMap is a member of (its `pool` label), if any. */
export function poolOfMember(obj: KubeObject): string | undefined {
  return obj.metadata?.labels?.[POOL_LABEL];
}

/** True when `obj` is being deleted. */
export function isTerminating(obj: KubeObject): boolean {
  return obj.metadata?.deletionTimestamp !== undefined;
}

/** True when `obj`'s controller owner reference points at the Pool with `uid`. */
export function isControlledBy(obj: KubeObject, uid: string): boolean {
  const ref = controllerOf(obj);
  return ref !== undefined && ref.kind === 'Pool' && ref.apiVersion === POOL_API_VERSION && ref.uid === uid;
}

/** The pool's members in the controller's informer cache: ConfigMaps labelled `pool=<name>` in its namespace, sorted by name. */
export function cachedMembers(ctx: ReconcileContext, namespace: string, poolName: string): Member[] {
  return ctx
    .lister<Member>('ConfigMap')
    .list({ namespace, labelSelector: (labels) => labels[POOL_LABEL] === poolName })
    .sort((a, b) => compareNames(a.metadata.name, b.metadata.name));
}

/** Orders member names by ordinal when both have one, else as strings. */
export function compareNames(a: string, b: string): number {
  const ia = /-(\d+)$/.exec(a)?.[1];
  const ib = /-(\d+)$/.exec(b)?.[1];
  if (ia !== undefined && ib !== undefined && a.slice(0, -ia.length) === b.slice(0, -ib.length)) return Number(ia) - Number(ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A member manifest: labelled `pool=<name>`, carrying the pool's image, owned by `owner` (no reference when undefined). */
export function memberManifest(pool: StoredPool, naming: { name: string } | { generateName: string }, owner: OwnerReference | undefined, extra: { index?: number; finalizers?: readonly string[] } = {}): ConfigMap {
  const labels: Record<string, string> = { [POOL_LABEL]: pool.metadata.name };
  if (extra.index !== undefined) labels[INDEX_LABEL] = String(extra.index);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      ...naming,
      namespace: pool.metadata.namespace ?? 'default',
      labels,
      ...(owner !== undefined ? { ownerReferences: [owner] } : {}),
      ...(extra.finalizers !== undefined && extra.finalizers.length > 0 ? { finalizers: [...extra.finalizers] } : {}),
    },
    data: { image: imageOf(pool) },
  };
}

/**
 * The status a pool should report for the members it has: names, and how many are ready (run
 * `spec.image`, and pass `isReady` when given).
 */
export function statusFor(pool: Pool & { metadata?: { generation?: number } }, members: readonly ConfigMap[], pending = false, isReady: (m: ConfigMap) => boolean = () => true): PoolStatus {
  const image = imageOf(pool);
  const ready = members.filter((m) => m.data?.['image'] === image && isReady(m)).length;
  const replicas = members.length;
  const phase: PoolStatus['phase'] = pending ? 'Pending' : replicas === pool.spec.replicas && ready === replicas ? 'Ready' : 'Scaling';
  return {
    replicas,
    readyReplicas: ready,
    phase,
    observedGeneration: pool.metadata?.generation ?? 0,
    members: members.map((m) => m.metadata?.name ?? '').sort(compareNames),
  };
}

/** True when two statuses say the same thing. */
export function sameStatus(a: PoolStatus | undefined, b: PoolStatus): boolean {
  return JSON.stringify(normalize(a ?? {})) === JSON.stringify(normalize(b));
}

function normalize(s: PoolStatus): PoolStatus {
  return {
    replicas: s.replicas ?? 0,
    readyReplicas: s.readyReplicas ?? 0,
    ...(s.phase !== undefined ? { phase: s.phase } : {}),
    observedGeneration: s.observedGeneration ?? 0,
    members: [...(s.members ?? [])],
  };
}

/**
 * Memory that lives as long as one controller incarnation: keyed by the {@link ReconcileContext},
 * which the runtime makes afresh for every (re)start, so a crash loses it as a process restart would.
 */
export function incarnationMemory<T extends object>(make: () => T): (ctx: ReconcileContext) => T {
  const byCtx = new WeakMap<ReconcileContext, T>();
  return (ctx) => {
    let m = byCtx.get(ctx);
    if (m === undefined) {
      m = make();
      byCtx.set(ctx, m);
    }
    return m;
  };
}
