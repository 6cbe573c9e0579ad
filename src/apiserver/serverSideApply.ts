import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { StatusError } from '../api/status.ts';
import type { ApplyType } from './applyType.ts';
import { coversPath, difference, fieldSetFromFieldsV1, fieldsV1FromSet, intersection, pathOf, pathString } from './fieldSet.ts';
import type { FieldSet } from './fieldSet.ts';
import { compareFields, fieldSetOf, mergeFields, removeField } from './objectFields.ts';

/** One manager's fields, as kept in `metadata.managedFields`. */
interface Manager {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly subresource: string | undefined;
  time: string | undefined;
  fields: FieldSet;
}

/** What a write to an object is: who, through which version and subresource, when. */
export interface FieldManagerRequest {
  readonly manager: string;
  readonly apiVersion: string;
  /** The cluster time of the write (RFC 3339). */
  readonly now: string;
  readonly type: ApplyType;
  readonly subresource?: string | undefined;
}

/** Options of {@link serverSideApply}. */
export interface ApplyRequest extends FieldManagerRequest {
  /** The stored object, or undefined when apply creates it. */
  readonly live: KubeObject | undefined;
  /** The applied configuration (`kubectl apply --server-side` sends the manifest). */
  readonly config: KubeObject;
  /** Take over fields other managers own instead of failing with a conflict (`force=true`). */
  readonly force: boolean;
}

const SYSTEM_METADATA = ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'];

// The part of an object field management looks at: no apiVersion/kind, no system metadata, and only
// the fields the endpoint may change (status through /status, the rest through the main resource).
function managedPart(obj: KubeObject | undefined, subresource: string | undefined): Record<string, unknown> {
  if (obj === undefined) return {};
  const { apiVersion: _a, kind: _k, metadata, ...rest } = obj as Record<string, unknown>;
  const meta = { ...((metadata as Record<string, unknown> | undefined) ?? {}) };
  for (const f of SYSTEM_METADATA) delete meta[f];
  const out: Record<string, unknown> = subresource === 'status' ? { ...('status' in rest ? { status: rest['status'] } : {}) } : { ...rest };
  if (subresource !== 'status') delete out['status'];
  if (Object.keys(meta).length > 0 && subresource !== 'status') out['metadata'] = meta;
  return out;
}

function identity(m: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  // Appliers are one manager across versions; updaters are one per apiVersion (structured-merge-diff).
  return JSON.stringify([m.manager, m.operation, m.operation === 'Apply' ? '' : m.apiVersion, m.subresource ?? '']);
}

function readManagers(obj: KubeObject | undefined): Manager[] {
  return (obj?.metadata?.managedFields ?? [])
    .filter((e) => e.manager !== undefined || e.fieldsV1 !== undefined)
    .map((e) => ({
      manager: e.manager ?? '',
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: e.apiVersion ?? '',
      subresource: e.subresource || undefined,
      time: e.time,
      fields: fieldSetFromFieldsV1(e.fieldsV1),
    }));
}

function writeManagers(managers: readonly Manager[]): ManagedFieldsEntry[] {
  return managers
    .filter((m) => m.fields.size > 0)
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time !== undefined ? { time: m.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: fieldsV1FromSet(m.fields),
      ...(m.subresource !== undefined ? { subresource: m.subresource } : {}),
    }));
}

function withManagedFields(obj: KubeObject, entries: ManagedFieldsEntry[]): KubeObject {
  const metadata = { ...obj.metadata };
  if (entries.length > 0) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...obj, metadata };
}

function printManager(m: Manager): string {
  const name = JSON.stringify(m.manager) + (m.subresource !== undefined ? ` with subresource ${JSON.stringify(m.subresource)}` : '');
  if (m.operation === 'Apply') return name;
  return m.time === undefined ? `${name} using ${m.apiVersion}` : `${name} using ${m.apiVersion} at ${m.time}`;
}

/** kube-apiserver's 409 for apply conflicts (message and `FieldManagerConflict` causes as upstream). */
export function applyConflict(conflicts: readonly { manager: Manager; path: string }[]): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    const c = conflicts[0] as { manager: Manager; path: string };
    message = `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${c.path}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(printManager(c.manager), [...(byManager.get(printManager(c.manager)) ?? []), c.path]);
    const parts: string[] = [];
    for (const m of [...byManager.keys()].sort()) parts.push(`conflicts with ${m}:`, ...(byManager.get(m) ?? []).map((p) => `- ${p}`));
    message = `Apply failed with ${conflicts.length} conflicts: ${parts.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, { causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: c.path })) });
}

/**
 * Records a write in `metadata.managedFields` (structured-merge-diff's Update): the writer gains the
 * fields it added or changed, every other manager loses them and everyone loses removed fields.
 * Managed fields the writer sent that differ from the stored ones replace them (`[{}]` clears them).
 */
export function trackUpdate(live: KubeObject | undefined, next: KubeObject, req: FieldManagerRequest): KubeObject {
  const sent = next.metadata?.managedFields;
  const sentChanged = sent !== undefined && sent.length > 0 && JSON.stringify(sent) !== JSON.stringify(live?.metadata?.managedFields ?? []);
  let managers = sentChanged ? readManagers(next) : readManagers(live);
  if (sentChanged && sent.every((e) => e.manager === undefined && e.fieldsV1 === undefined)) return withManagedFields(next, []);
  const cmp = compareFields(managedPart(live, req.subresource), managedPart(next, req.subresource), req.type);
  const changed = new Set([...cmp.added, ...cmp.modified]);
  const self: Manager = { manager: req.manager, operation: 'Update', apiVersion: req.apiVersion, subresource: req.subresource, time: req.now, fields: new Set() };
  const id = identity(self);
  const existing = managers.find((m) => identity(m) === id);
  for (const m of managers) {
    if (m !== existing) m.fields = difference(difference(m.fields, changed), cmp.removed);
  }
  if (existing !== undefined) {
    existing.fields = new Set([...difference(existing.fields, cmp.removed), ...changed]);
    if (changed.size > 0) existing.time = req.now;
  } else if (changed.size > 0) {
    self.fields = changed;
    managers = [...managers, self];
  }
  return withManagedFields(next, writeManagers(managers));
}

/**
 * Server-side apply (structured-merge-diff's Apply) as a pure function: merges the applied
 * configuration into the live object, removes fields this manager applied before and no longer
 * applies (unless another manager owns them), fails with 409 when it would change fields other
 * managers own (unless `force`, which takes them over), and records the applied fields as the
 * manager's `Apply` entry. Returns the object to store (with its new `managedFields`).
 */
export function serverSideApply(req: ApplyRequest): KubeObject {
  const { type, subresource } = req;
  const managers = readManagers(req.live);
  const self: Manager = { manager: req.manager, operation: 'Apply', apiVersion: req.apiVersion, subresource, time: req.now, fields: new Set() };
  const id = identity(self);
  const previous = managers.find((m) => identity(m) === id);
  const configPart = managedPart(req.config, subresource);
  const applied = fieldSetOf(configPart, type);
  const livePart = managedPart(req.live, subresource);
  const merged = structuredClone(mergeFields(livePart, configPart, type)) as Record<string, unknown>;
  if (previous !== undefined) {
    const others = managers.filter((m) => m !== previous);
    const dropped = [...difference(previous.fields, applied)].map(pathOf).sort((a, b) => a.length - b.length);
    for (const path of dropped) {
      if (coversPath(applied, path) || others.some((m) => coversPath(m.fields, path))) continue;
      removeField(merged, path, type);
    }
  }
  const cmp = compareFields(livePart, merged, type);
  const changed = new Set([...cmp.added, ...cmp.modified]);
  const conflicts: { manager: Manager; path: string }[] = [];
  for (const m of managers) {
    if (m === previous) continue;
    const clash = intersection(m.fields, changed);
    if (clash.size === 0) continue;
    if (req.force) m.fields = difference(m.fields, clash);
    else for (const k of clash) conflicts.push({ manager: m, path: pathString(pathOf(k)) });
  }
  if (conflicts.length > 0) throw applyConflict(conflicts);
  for (const m of managers) if (m !== previous) m.fields = difference(m.fields, cmp.removed);
  self.fields = applied;
  const nextManagers = previous === undefined ? [...managers, self] : managers.map((m) => (m === previous ? self : m));
  const base = (req.live ?? { apiVersion: req.config.apiVersion, kind: req.config.kind, metadata: { ...req.config.metadata } }) as Record<string, unknown>;
  const liveMeta = (base['metadata'] as Record<string, unknown> | undefined) ?? {};
  const out: Record<string, unknown> = subresource === 'status' ? { ...base } : { apiVersion: base['apiVersion'], kind: base['kind'], ...(base['status'] !== undefined ? { status: base['status'] } : {}) };
  Object.assign(out, subresource === 'status' ? { status: merged['status'] } : merged);
  if (subresource === 'status' && merged['status'] === undefined) delete out['status'];
  const mergedMeta = subresource === 'status' ? {} : ((merged['metadata'] as Record<string, unknown> | undefined) ?? {});
  const systemMeta = Object.fromEntries(SYSTEM_METADATA.filter((f) => liveMeta[f] !== undefined).map((f) => [f, liveMeta[f]]));
  out['metadata'] = subresource === 'status' ? liveMeta : { ...systemMeta, ...mergedMeta };
  return withManagedFields(out, writeManagers(nextManagers));
}
