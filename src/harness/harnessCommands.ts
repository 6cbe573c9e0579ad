import fc from 'fast-check';
import type { KubeObject } from '../api/meta.ts';
import { isAlreadyExists, isNotFound, StatusError } from '../api/status.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import type { CheckOptions, CustomOperation, FaultKind, OperationKind } from './harnessTypes.ts';
import type { HarnessWorld } from './harnessWorld.ts';

/** What the commands remember about the run (only used to pick sensible commands). */
export interface HarnessModel {
  readonly exists: Set<string>;
}

/** A harness command: a user operation or a fault, then a wait. */
export type HarnessCommand = fc.AsyncCommand<HarnessModel, HarnessWorld>;

const WAITS = [0, 1_000, 5_000, 30_000] as const;

abstract class Step implements HarnessCommand {
  readonly waitMs: number;
  constructor(waitMs: number) {
    this.waitMs = waitMs;
  }
  check(_m: Readonly<HarnessModel>): boolean {
    return true;
  }
  abstract describe(): string;
  abstract act(m: HarnessModel, w: HarnessWorld): Promise<string | undefined>;
  async run(m: HarnessModel, w: HarnessWorld): Promise<void> {
    const note = await this.act(m, w);
    w.log.push(`${this.toString()}${note !== undefined ? ` (${note})` : ''}`);
    await w.pump(this.waitMs);
    const v = w.violation();
    if (v !== undefined) throw new HarnessViolation(v);
  }
  toString(): string {
    return `${this.describe()}${this.waitMs > 0 ? `, wait ${this.waitMs / 1000} s` : ''}`;
  }
}

/** A safety violation found while the commands ran. */
export class HarnessViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessViolation';
  }
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const parts = path.split('.');
  const out: Record<string, unknown> = { ...obj };
  let cur = out;
  parts.forEach((p, i) => {
    if (i === parts.length - 1) cur[p] = value;
    else {
      const next = { ...((cur[p] as Record<string, unknown> | undefined) ?? {}) };
      cur[p] = next;
      cur = next;
    }
  });
  return out;
}

const noteOf = (e: unknown): string => (e instanceof StatusError ? `${e.status.reason}: ${e.message}` : e instanceof Error ? e.message : String(e));

function objectFor(w: HarnessWorld, check: CheckOptions, name: string, spec: Record<string, unknown>): KubeObject {
  const info = w.cluster.client.resource(w.type);
  return {
    apiVersion: apiVersionOf(info),
    kind: info.kind,
    metadata: {
      name,
      ...(w.objectNamespace !== undefined ? { namespace: w.objectNamespace } : {}),
      ...(check.metadata?.labels !== undefined ? { labels: { ...check.metadata.labels } } : {}),
      ...(check.metadata?.annotations !== undefined ? { annotations: { ...check.metadata.annotations } } : {}),
    },
    spec,
  } as KubeObject;
}

class Create extends Step {
  readonly check_: CheckOptions;
  readonly name: string;
  readonly spec: Record<string, unknown>;
  constructor(check_: CheckOptions, name: string, spec: Record<string, unknown>, waitMs: number) {
    super(waitMs);
    this.check_ = check_;
    this.name = name;
    this.spec = spec;
  }
  describe(): string {
    return `create ${this.name} ${JSON.stringify(this.spec)}`;
  }
  async act(m: HarnessModel, w: HarnessWorld): Promise<string | undefined> {
    try {
      await w.cluster.client.create(objectFor(w, this.check_, this.name, this.spec));
      m.exists.add(this.name);
      return undefined;
    } catch (e) {
      if (isAlreadyExists(e)) return 'skipped: it exists';
      throw e;
    }
  }
}

// A user edit of an existing object's spec (a new spec, or a new replica count).
class EditSpec extends Step {
  readonly name: string;
  readonly text: string;
  readonly edit: (spec: Record<string, unknown>) => Record<string, unknown>;
  constructor(name: string, text: string, edit: (spec: Record<string, unknown>) => Record<string, unknown>, waitMs: number) {
    super(waitMs);
    this.name = name;
    this.text = text;
    this.edit = edit;
  }
  override check(m: Readonly<HarnessModel>): boolean {
    return m.exists.has(this.name);
  }
  describe(): string {
    return this.text;
  }
  async act(_m: HarnessModel, w: HarnessWorld): Promise<string | undefined> {
    try {
      await w.cluster.client.mutate(w.type, this.name, (d: KubeObject) => {
        const o = d as { spec?: Record<string, unknown> };
        o.spec = this.edit(o.spec ?? {});
      }, w.objectNamespace !== undefined ? { namespace: w.objectNamespace } : {});
      return undefined;
    } catch (e) {
      if (isNotFound(e)) return 'skipped: not found';
      throw e;
    }
  }
}

class Delete extends Step {
  readonly name: string;
  readonly recreateWith: Record<string, unknown> | undefined;
  readonly check_: CheckOptions;
  constructor(name: string, recreateWith: Record<string, unknown> | undefined, check_: CheckOptions, waitMs: number) {
    super(waitMs);
    this.name = name;
    this.recreateWith = recreateWith;
    this.check_ = check_;
  }
  override check(m: Readonly<HarnessModel>): boolean {
    return m.exists.has(this.name);
  }
  describe(): string {
    return this.recreateWith === undefined ? `delete ${this.name}` : `delete and recreate ${this.name} ${JSON.stringify(this.recreateWith)}`;
  }
  async act(m: HarnessModel, w: HarnessWorld): Promise<string | undefined> {
    const ns = w.objectNamespace;
    try {
      await w.cluster.client.delete(w.type, this.name, ns !== undefined ? { namespace: ns } : {});
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    m.exists.delete(this.name);
    if (this.recreateWith === undefined) return undefined;
    // Like `kubectl delete` (which waits) followed by `kubectl create`: the new object gets a new uid.
    for (let i = 0; i < 120 && w.view.get(w.type, ns, this.name) !== undefined; i++) await w.pump(1_000);
    if (w.view.get(w.type, ns, this.name) !== undefined) return 'still terminating after 120 s; not recreated';
    await w.cluster.client.create(objectFor(w, this.check_, this.name, this.recreateWith));
    m.exists.add(this.name);
    return undefined;
  }
}

class Custom extends Step {
  readonly op: CustomOperation<unknown>;
  readonly name: string;
  readonly arg: unknown;
  constructor(op: CustomOperation<unknown>, name: string, arg: unknown, waitMs: number) {
    super(waitMs);
    this.op = op;
    this.name = name;
    this.arg = arg;
  }
  override check(m: Readonly<HarnessModel>): boolean {
    return m.exists.has(this.name);
  }
  describe(): string {
    return `${this.op.describe?.(this.arg) ?? `${this.op.name}(${JSON.stringify(this.arg)})`} on ${this.name}`;
  }
  async act(_m: HarnessModel, w: HarnessWorld): Promise<string | undefined> {
    try {
      await this.op.run(w.cluster, { namespace: w.namespace, name: this.name }, this.arg);
      return undefined;
    } catch (e) {
      if (isNotFound(e)) return 'skipped: not found';
      return `failed: ${noteOf(e)}`;
    }
  }
}

type FaultArgs = { readonly n: number; readonly ms: number; readonly pick: number };

class Fault extends Step {
  readonly kind: FaultKind;
  readonly args: FaultArgs;
  constructor(kind: FaultKind, args: FaultArgs, waitMs: number) {
    super(waitMs);
    this.kind = kind;
    this.args = args;
  }
  describe(): string {
    const { n, ms } = this.args;
    const s = (x: number): string => `${x / 1000} s`;
    const after = (what: string): string => (this.args.pick > 0 ? `, after letting ${this.args.pick} ${what}(s) through` : '');
    switch (this.kind) {
      case 'crash':
        return n === 0 ? `crash the controller now, restart after ${s(ms)}` : `crash the controller after its next ${n} write(s), restart after ${s(ms)}`;
      case 'staleView':
        return `stale view: reads ${n} revision(s) behind, watch held, for ${s(ms)}`;
      case 'watchLag':
        return `hold the controller's watch events for ${s(ms)}`;
      case 'coalesce':
        return `coalesce the controller's watch events (last per object) for ${s(ms)}`;
      case 'watchDrop':
        return `drop the controller's watch events for ${s(ms)}, then 410 Gone`;
      case 'gone':
        return `410 Gone on the controller's watches`;
      case 'conflict':
        return `409 Conflict on the controller's next ${n} write(s)${after('write')}`;
      case 'unavailable':
        return `500/503 on the controller's next ${n} request(s)${after('request')}`;
      case 'throttle':
        return `429 on the controller's next ${n} request(s)${after('request')}`;
      case 'timeout':
        return `504 Timeout after applying the controller's next ${n} write(s)${after('write')}`;
      case 'quota':
        return `403 exceeded quota on the controller's next ${n} create(s)${after('create')}`;
      case 'podKill':
        return `kill pod #${this.args.pick}`;
      case 'childKill':
        return `delete owned object #${this.args.pick}`;
      case 'nodeStop':
        return `stop node #${this.args.pick} for ${s(ms)}`;
      case 'nodePartition':
        return `partition node #${this.args.pick} for ${s(ms)}`;
      case 'nodeFlap':
        return `flap node #${this.args.pick} ${n} time(s) every ${s(ms)}`;
    }
  }
  async act(_m: HarnessModel, w: HarnessWorld): Promise<string | undefined> {
    if (!w.perturbed) return 'skipped in the reference run';
    const { n, ms, pick } = this.args;
    const c = w.controller;
    const clock = w.cluster.clock;
    switch (this.kind) {
      case 'crash':
        c.state.restartAfterMs = ms;
        if (n === 0) {
          if (!c.running()) return 'already down';
          c.crashAndRestart(ms);
        } else c.state.crashAfterWrites = n;
        return undefined;
      case 'staleView':
        w.staleFor(n, ms);
        return undefined;
      case 'watchLag':
        w.watchFault('hold', ms);
        return undefined;
      case 'coalesce':
        w.watchFault('coalesce', ms);
        return undefined;
      case 'watchDrop':
        w.watchFault('drop', ms);
        return undefined;
      case 'gone':
        c.expireWatches();
        return undefined;
      case 'conflict':
      case 'unavailable':
      case 'throttle':
      case 'timeout':
      case 'quota':
        c.state.requestFaults.push({ kind: this.kind, remaining: n, skip: pick });
        return undefined;
      case 'podKill': {
        const pods = w.view.list('Pod', w.namespace).filter((p) => p.metadata?.deletionTimestamp === undefined);
        const pod = pods[pick % Math.max(1, pods.length)];
        if (pod === undefined) return 'no pod to kill';
        w.worldFaults++;
        try {
          await w.cluster.client.delete('Pod', pod.metadata?.name ?? '', { namespace: w.namespace, gracePeriodSeconds: 0 });
        } catch (e) {
          return `failed: ${noteOf(e)}`;
        }
        return pod.metadata?.name;
      }
      case 'childKill': {
        const children = w.owned.flatMap((t) => w.view.list(t, w.namespace).filter((o) => o.metadata?.deletionTimestamp === undefined && o.metadata?.ownerReferences !== undefined));
        const child = children[pick % Math.max(1, children.length)];
        if (child === undefined) return 'no owned object to delete';
        w.worldFaults++;
        try {
          await w.cluster.client.delete({ apiVersion: child.apiVersion ?? 'v1', kind: child.kind ?? '' }, child.metadata?.name ?? '', { namespace: w.namespace });
        } catch (e) {
          return `failed: ${noteOf(e)}`;
        }
        return `${child.kind ?? ''} ${child.metadata?.name ?? ''}`;
      }
      case 'nodeStop':
      case 'nodePartition':
      case 'nodeFlap': {
        const nodes = w.cluster.nodes.list();
        const node = nodes[pick % Math.max(1, nodes.length)];
        if (node === undefined) return 'no node';
        w.worldFaults++;
        if (this.kind === 'nodeStop') {
          w.cluster.nodes.stop(node);
          w.faultTimers.push(clock.setTimeout(() => w.cluster.nodes.start(node), ms));
        } else if (this.kind === 'nodePartition') {
          w.cluster.nodes.partition(node);
          w.faultTimers.push(clock.setTimeout(() => w.cluster.nodes.heal(node), ms));
        } else {
          for (let i = 0; i < n; i++) {
            w.faultTimers.push(clock.setTimeout(() => w.cluster.nodes.stop(node), 2 * i * ms));
            w.faultTimers.push(clock.setTimeout(() => w.cluster.nodes.start(node), (2 * i + 1) * ms));
          }
        }
        return node;
      }
    }
  }
}

const WORLD_FAULTS: ReadonlySet<FaultKind> = new Set(['podKill', 'childKill', 'nodeStop', 'nodePartition', 'nodeFlap']);

/** Faults used when the options name none. */
export function defaultFaults(check: CheckOptions): FaultKind[] {
  const nodes = check.cluster?.nodes;
  const hasNodes = nodes !== undefined && (typeof nodes === 'number' ? nodes > 0 : nodes.length > 0);
  return ['crash', 'staleView', 'watchLag', 'coalesce', 'watchDrop', 'gone', 'conflict', 'unavailable', 'throttle', 'timeout', 'quota', 'podKill', 'childKill', ...(hasNodes ? (['nodeStop', 'nodePartition', 'nodeFlap'] as const) : [])];
}

/** Whether a fault changes the world (not just the controller's view). */
export function isWorldFault(kind: FaultKind): boolean {
  return WORLD_FAULTS.has(kind);
}

function faultArgs(kind: FaultKind): fc.Arbitrary<FaultArgs> {
  const ms = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: max / 1000 }).map((s) => s * 1000);
  switch (kind) {
    case 'crash':
      return fc.record({ n: fc.integer({ min: 0, max: 4 }), ms: ms(20_000), pick: fc.constant(0) });
    case 'staleView':
      return fc.record({ n: fc.integer({ min: 1, max: 30 }), ms: ms(60_000), pick: fc.constant(0) });
    case 'watchLag':
    case 'coalesce':
    case 'watchDrop':
      return fc.record({ n: fc.constant(0), ms: ms(60_000), pick: fc.constant(0) });
    case 'gone':
      return fc.constant({ n: 0, ms: 0, pick: 0 });
    case 'conflict':
    case 'unavailable':
    case 'throttle':
    case 'timeout':
    case 'quota':
      // Half of the time the fault hits the very next request(s); otherwise it lets up to 4 through first.
      return fc.record({ n: fc.integer({ min: 1, max: 5 }), ms: fc.constant(0), pick: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })) });
    case 'podKill':
    case 'childKill':
      return fc.record({ n: fc.constant(0), ms: fc.constant(0), pick: fc.nat(20) });
    case 'nodeStop':
    case 'nodePartition':
      return fc.record({ n: fc.constant(0), ms: ms(400_000), pick: fc.nat(10) });
    case 'nodeFlap':
      return fc.record({ n: fc.integer({ min: 1, max: 4 }), ms: fc.integer({ min: 5, max: 60 }).map((s) => s * 1000), pick: fc.nat(10) });
  }
}

/**
 * The command arbitraries for one check: user operations on the primary objects, faults, and a wait after each.
 * @internal
 */
export function harnessCommands(check: CheckOptions, spec: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<HarnessCommand>[] {
  const names = check.names ?? ['a', 'b'];
  const name = fc.constantFrom(...names);
  const wait = fc.constantFrom(...WAITS);
  const ops: readonly OperationKind[] = check.operations ?? ['create', 'update', 'scale', 'delete', 'recreate'];
  const out: fc.Arbitrary<HarnessCommand>[] = [];
  if (ops.includes('create')) out.push(fc.tuple(name, spec, wait).map(([n, s, t]) => new Create(check, n, s, t)));
  if (ops.includes('update')) out.push(fc.tuple(name, spec, wait).map(([n, s, t]) => new EditSpec(n, `update ${n} ${JSON.stringify(s)}`, () => s, t)));
  if (ops.includes('scale') && check.scalePath !== undefined) {
    const path = check.scalePath;
    const range = check.scaleRange ?? { min: 0, max: 4 };
    out.push(fc.tuple(name, fc.integer(range), wait).map(([n, r, t]) => new EditSpec(n, `scale ${n} to ${r}`, (old) => setPath(old, path, r), t)));
  }
  if (ops.includes('delete')) out.push(fc.tuple(name, wait).map(([n, t]) => new Delete(n, undefined, check, t)));
  if (ops.includes('recreate')) out.push(fc.tuple(name, spec, wait).map(([n, s, t]) => new Delete(n, s, check, t)));
  for (const op of check.customOperations ?? []) {
    const o = op as CustomOperation<unknown>;
    out.push(fc.tuple(name, o.arg, wait).map(([n, a, t]) => new Custom(o, n, a, t)));
  }
  for (const kind of check.faults ?? defaultFaults(check)) {
    out.push(fc.tuple(faultArgs(kind), wait).map(([a, t]) => new Fault(kind, a, t)));
  }
  return out;
}
