// Which field selector labels each kind accepts, and the value an object has for each.
// Upstream keeps two lists per kind and they differ: the field label conversion funcs
// (pkg/apis/<group>/<version>/conversion.go) decide what a request may name, the registry strategies'
// ToSelectableFields (pkg/registry/.../strategy.go) what an object exposes. An accepted label an object
// does not expose (Pod `status.podIPs`) reads as '' and so only ever matches `=''`.
// Kinds without a conversion func — ConfigMap, Deployment, and also apps/v1 ReplicaSet, which has no
// `status.replicas` selector in apps/v1 (only the core ReplicationController has one) — fall back to
// runtime.DefaultMetaV1FieldSelectorConversion: `metadata.name` and `metadata.namespace` only.
import type { KubeObject } from './meta.ts';

type Extract = (obj: KubeObject) => string;

interface KindSpec {
  readonly namespaced: boolean;
  /** Accepted labels beyond the metadata ones, with how to read each ('' when not selectable). */
  readonly fields: Readonly<Record<string, Extract | null>>;
  /** Client spellings the conversion rewrites to an accepted label. */
  readonly aliases?: Readonly<Record<string, string>>;
  readonly reject?: (label: string) => string;
  /** Alias targets are matched but not accepted under their own name. */
  readonly targetsOnlyViaAlias?: boolean;
}

/** A kind's accepted labels (client spelling → label matched) and its rejection message. */
export interface FieldRules {
  readonly accepted: ReadonlyMap<string, string>;
  readonly reject: (label: string) => string;
}

function at(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
const str =
  (...path: (string | number)[]): Extract =>
  (obj) => {
    const v = at(obj, ...path);
    return typeof v === 'string' ? v : '';
  };
// Go formats unset booleans as "false" and unset counts as "0", never "".
const bool =
  (...path: string[]): Extract =>
  (obj) =>
    String(at(obj, ...path) === true);
const int =
  (...path: string[]): Extract =>
  (obj) => {
    const v = at(obj, ...path);
    return typeof v === 'number' ? String(v) : '0';
  };
const either =
  (a: Extract, b: Extract): Extract =>
  (obj) =>
    a(obj) || b(obj);

const CORE_EVENT_FIELDS: Record<string, Extract> = {
  ...Object.fromEntries(
    ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map((f) => [`involvedObject.${f}`, str('involvedObject', f)]),
  ),
  reason: str('reason'),
  reportingComponent: str('reportingComponent'),
  // Upstream: source.component, or reportingController (core/v1's reportingComponent) when that is empty.
  source: either(str('source', 'component'), str('reportingComponent')),
  type: str('type'),
};

const SPECS: Readonly<Record<string, KindSpec>> = {
  '/Pod': {
    namespaced: true,
    fields: {
      'spec.nodeName': str('spec', 'nodeName'),
      'spec.restartPolicy': str('spec', 'restartPolicy'),
      'spec.schedulerName': str('spec', 'schedulerName'),
      'spec.serviceAccountName': str('spec', 'serviceAccountName'),
      'spec.hostNetwork': bool('spec', 'hostNetwork'),
      'status.phase': str('status', 'phase'),
      // Upstream reads status.podIPs[0]; a v1 object with only status.podIP converts to that.
      'status.podIP': either(str('status', 'podIPs', 0, 'ip'), str('status', 'podIP')),
      'status.podIPs': null,
      'status.nominatedNodeName': str('status', 'nominatedNodeName'),
    },
    aliases: { 'spec.host': 'spec.nodeName' },
  },
  '/Node': { namespaced: false, fields: { 'spec.unschedulable': bool('spec', 'unschedulable') } },
  '/Namespace': { namespaced: false, fields: { 'status.phase': str('status', 'phase') } },
  '/Secret': { namespaced: true, fields: { type: str('type') } },
  '/Service': { namespaced: true, fields: { 'spec.clusterIP': str('spec', 'clusterIP'), 'spec.type': str('spec', 'type') } },
  '/ReplicationController': { namespaced: true, fields: { 'status.replicas': int('status', 'replicas') } },
  '/Event': { namespaced: true, fields: CORE_EVENT_FIELDS },
  // Shares storage with the core Event: the wire names (regarding.*, reportingController) are rewritten
  // to the core labels before matching, and the core spellings themselves are a 400 here.
  'events.k8s.io/Event': {
    namespaced: true,
    targetsOnlyViaAlias: true,
    fields: {
      ...Object.fromEntries(
        ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map((f) => [`involvedObject.${f}`, str('regarding', f)]),
      ),
      reason: str('reason'),
      reportingComponent: str('reportingController'),
      type: str('type'),
    },
    aliases: {
      ...Object.fromEntries(['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map((f) => [`regarding.${f}`, `involvedObject.${f}`])),
      reportingController: 'reportingComponent',
    },
  },
  'batch/Job': {
    namespaced: true,
    // The label says "successful"; the field it reads is status.succeeded.
    fields: { 'status.successful': int('status', 'succeeded') },
    reject: (label) => `field label ${JSON.stringify(label)} not supported for Job`,
  },
  'certificates.k8s.io/CertificateSigningRequest': { namespaced: false, fields: { 'spec.signerName': str('spec', 'signerName') } },
};

const defaultReject = (label: string): string => `field label not supported: ${label}`;
const metadataOnlyReject = (label: string): string => `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`;

const metaName = str('metadata', 'name');
const metaNamespace = str('metadata', 'namespace');

function specFor(kind: string, group: string): KindSpec | undefined {
  const key = `${group}/${kind}`;
  return Object.hasOwn(SPECS, key) ? SPECS[key] : undefined;
}

/** The field labels `kind` (in API `group`) accepts, as kube-apiserver's field label conversion does. */
export function fieldRulesFor(kind: string, group = ''): FieldRules {
  const spec = specFor(kind, group);
  if (spec === undefined) {
    return { accepted: new Map([['metadata.name', 'metadata.name'], ['metadata.namespace', 'metadata.namespace']]), reject: metadataOnlyReject };
  }
  const accepted = new Map<string, string>([['metadata.name', 'metadata.name']]);
  if (spec.namespaced) accepted.set('metadata.namespace', 'metadata.namespace');
  const hidden = new Set(spec.targetsOnlyViaAlias === true ? Object.values(spec.aliases ?? {}) : []);
  for (const label of Object.keys(spec.fields)) if (!hidden.has(label)) accepted.set(label, label);
  for (const [from, to] of Object.entries(spec.aliases ?? {})) accepted.set(from, to);
  return { accepted, reject: spec.reject ?? defaultReject };
}

/**
 * The selectable fields of an object of `kind` (upstream `ToSelectableFields`): `metadata.name`,
 * `metadata.namespace` for namespaced kinds, plus the kind's own fields. Labels reach this map after
 * alias rewriting, so it is keyed by the matched label.
 */
export function selectableFields(kind: string, obj: KubeObject, group = ''): Map<string, string> {
  const spec = specFor(kind, group);
  const out = new Map<string, string>([['metadata.name', metaName(obj)]]);
  if (spec === undefined || spec.namespaced) out.set('metadata.namespace', metaNamespace(obj));
  for (const [label, extract] of Object.entries(spec?.fields ?? {})) if (extract !== null) out.set(label, extract(obj));
  return out;
}
