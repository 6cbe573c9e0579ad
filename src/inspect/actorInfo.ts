import type { AnyActorRef } from 'xstate';

/** The internals of an XState actor that inspection reads (all public fields at run time). */
interface ActorInternals {
  readonly id: string;
  readonly systemId?: string;
  readonly _parent?: AnyActorRef;
  readonly logic?: unknown;
  readonly options?: { readonly input?: unknown };
  readonly clock?: { now?: () => number };
}

const internals = (ref: unknown): ActorInternals => ref as ActorInternals;

/** The actor's parent, if it is a child. */
export function parentOf(ref: AnyActorRef): AnyActorRef | undefined {
  return internals(ref)._parent;
}

/** The id of the actor's machine, or `undefined` for callback/promise/observable actors. */
export function machineIdOf(ref: AnyActorRef): string | undefined {
  const logic = internals(ref).logic as { root?: unknown; id?: unknown } | undefined;
  return logic !== undefined && logic.root !== undefined && typeof logic.id === 'string' ? logic.id : undefined;
}

function metaKey(meta: unknown): string | undefined {
  if (meta === null || typeof meta !== 'object') return undefined;
  const m = meta as { name?: unknown; namespace?: unknown };
  if (typeof m.name !== 'string') return undefined;
  return typeof m.namespace === 'string' && m.namespace !== '' ? `${m.namespace}/${m.name}` : m.name;
}

/**
 * The object an actor stands for, from its input: `input.key` (controllers' per-object actors),
 * `input.pod.metadata` / `input.object.metadata`, or `input.node` / `input.nodeName`.
 */
export function objectOf(ref: AnyActorRef): string | undefined {
  const input = internals(ref).options?.input;
  if (input === null || typeof input !== 'object') return undefined;
  const i = input as { key?: unknown; pod?: { metadata?: unknown }; object?: { metadata?: unknown }; node?: unknown; nodeName?: unknown };
  if (typeof i.key === 'string') return i.key;
  const fromMeta = metaKey(i.pod?.metadata) ?? metaKey(i.object?.metadata);
  if (fromMeta !== undefined) return fromMeta;
  if (typeof i.nodeName === 'string') return i.nodeName;
  if (typeof i.node === 'string') return i.node;
  return metaKey((i.node as { metadata?: unknown } | undefined)?.metadata);
}

/** Cluster time from the actor's own clock, when it was created with one that tells time. */
export function actorNow(ref: AnyActorRef): number | undefined {
  const clock = internals(ref).clock;
  return typeof clock?.now === 'function' ? clock.now() : undefined;
}

/**
 * A readable, stable name for an actor: its systemId; else its parent's name and its own id; else
 * (the root of its own system, like a controller's per-object actor) `machine:object` or `machine#n`.
 */
export function actorName(ref: AnyActorRef, fallback: () => string): string {
  const { systemId, id } = internals(ref);
  if (systemId !== undefined) return systemId;
  const parent = parentOf(ref);
  if (parent !== undefined) return `${actorName(parent, fallback)}/${id}`;
  const machine = machineIdOf(ref);
  const object = objectOf(ref);
  if (machine !== undefined && object !== undefined) return `${machine}:${object}`;
  return fallback();
}

const MAX_FIELDS = 12;
const MAX_STRING = 200;

/**
 * The small, JSON-serializable part of a context: top-level strings (truncated), numbers, booleans,
 * null, and short arrays of those; at most 12 fields. Objects, functions and clocks are left out.
 */
export function summarizeContext(context: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (context === null || typeof context !== 'object') return out;
  for (const [k, v] of Object.entries(context)) {
    if (Object.keys(out).length >= MAX_FIELDS) break;
    if (typeof v === 'string') out[k] = v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
    else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v) && v.length <= 10 && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) out[k] = [...v] as unknown[];
  }
  return out;
}

/** A state value as one line: `running`, `active.phase.running + active.lifecycle.alive.unlimited`. */
export function stateText(value: unknown): string {
  const leaves = (v: unknown, prefix: string): string[] => {
    if (typeof v === 'string') return [prefix === '' ? v : `${prefix}.${v}`];
    if (v === null || typeof v !== 'object') return [];
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return prefix === '' ? [] : [prefix];
    return entries.flatMap(([k, sub]) => leaves(sub, prefix === '' ? k : `${prefix}.${k}`));
  };
  return leaves(value, '').join(' + ');
}
