import { BUILTIN_RESOURCES } from '../api/builtinResources.ts';
import type { KubeObject } from '../api/meta.ts';
import { parseApiVersion } from '../api/resourceInfo.ts';
import { horizontalPodAutoscalerPrinter, podDisruptionBudgetPrinter } from './autoscalingColumns.ts';
import { cronJobPrinter, jobPrinter } from './batchColumns.ts';
import { col } from './columnHelpers.ts';
import { configMapPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from './configColumns.ts';
import { csiDriverPrinter, csiNodePrinter, volumeAttachmentPrinter } from './csiColumns.ts';
import { customResourcePrinter, defaultPrinter } from './customColumns.ts';
import { eventPrinter } from './eventColumns.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { flowSchemaPrinter, priorityLevelConfigurationPrinter } from './flowControlColumns.ts';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './ingressColumns.ts';
import { apiServicePrinter, certificateSigningRequestPrinter, leasePrinter, priorityClassPrinter, runtimeClassPrinter, webhookConfigurationPrinter } from './miscColumns.ts';
import { componentStatusPrinter, namespacePrinter, nodePrinter } from './nodeColumns.ts';
import { podPrinter, podTemplatePrinter } from './podColumns.ts';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbacColumns.ts';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './serviceColumns.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storageColumns.ts';
import type { KindPrinter, PrinterColumn, Table, TableColumnDefinition, TableRow, TableRowCondition } from './tableTypes.ts';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, replicationControllerPrinter, statefulSetPrinter } from './workloadColumns.ts';

// Printers by `group/Kind`: kube-apiserver prints every served version of a kind the same way.
const PRINTERS: ReadonlyMap<string, KindPrinter> = new Map<string, KindPrinter>([
  ['/Pod', podPrinter],
  ['/PodTemplate', podTemplatePrinter],
  ['/ReplicationController', replicationControllerPrinter],
  ['/Service', servicePrinter],
  ['/Endpoints', endpointsPrinter],
  ['/Node', nodePrinter],
  ['/Namespace', namespacePrinter],
  ['/ComponentStatus', componentStatusPrinter],
  ['/Event', eventPrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['/ResourceQuota', resourceQuotaPrinter],
  ['/PersistentVolume', persistentVolumePrinter],
  ['/PersistentVolumeClaim', persistentVolumeClaimPrinter],
  ['apps/Deployment', deploymentPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['apps/DaemonSet', daemonSetPrinter],
  ['apps/StatefulSet', statefulSetPrinter],
  ['apps/ControllerRevision', controllerRevisionPrinter],
  ['batch/Job', jobPrinter],
  ['batch/CronJob', cronJobPrinter],
  ['autoscaling/HorizontalPodAutoscaler', horizontalPodAutoscalerPrinter],
  ['policy/PodDisruptionBudget', podDisruptionBudgetPrinter],
  ['networking.k8s.io/Ingress', ingressPrinter],
  ['networking.k8s.io/IngressClass', ingressClassPrinter],
  ['networking.k8s.io/NetworkPolicy', networkPolicyPrinter],
  ['discovery.k8s.io/EndpointSlice', endpointSlicePrinter],
  ['events.k8s.io/Event', eventPrinter],
  ['rbac.authorization.k8s.io/RoleBinding', roleBindingPrinter],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', clusterRoleBindingPrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
  ['scheduling.k8s.io/PriorityClass', priorityClassPrinter],
  ['node.k8s.io/RuntimeClass', runtimeClassPrinter],
  ['storage.k8s.io/StorageClass', storageClassPrinter],
  ['storage.k8s.io/VolumeAttachment', volumeAttachmentPrinter],
  ['storage.k8s.io/CSIDriver', csiDriverPrinter],
  ['storage.k8s.io/CSINode', csiNodePrinter],
  ['admissionregistration.k8s.io/MutatingWebhookConfiguration', webhookConfigurationPrinter],
  ['admissionregistration.k8s.io/ValidatingWebhookConfiguration', webhookConfigurationPrinter],
  ['apiregistration.k8s.io/APIService', apiServicePrinter],
  ['certificates.k8s.io/CertificateSigningRequest', certificateSigningRequestPrinter],
  ['flowcontrol.apiserver.k8s.io/FlowSchema', flowSchemaPrinter],
  ['flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', priorityLevelConfigurationPrinter],
]);

const BUILTIN_KINDS: ReadonlySet<string> = new Set(BUILTIN_RESOURCES.map((r) => `${r.group}/${r.kind}`));

/**
 * The printer kube-apiserver uses for a kind: the built-in printer; for a custom resource (any kind given
 * `printerColumns`, or one that is not built in) its CRD's `additionalPrinterColumns` (AGE alone when
 * there are none); for a built-in kind without a printer (Role, ClusterRole, LimitRange, CRDs …) the
 * default NAME / CREATED AT table.
 * @public
 */
export function printerFor(apiVersion: string, kind: string, printerColumns?: readonly PrinterColumn[]): KindPrinter {
  if (printerColumns !== undefined) return customResourcePrinter(printerColumns);
  const key = `${parseApiVersion(apiVersion).group}/${kind}`;
  const builtin = PRINTERS.get(key);
  if (builtin !== undefined) return builtin;
  return BUILTIN_KINDS.has(key) ? defaultPrinter : customResourcePrinter([]);
}

/**
 * Every column definition of a kind, `-o wide` (priority 1) columns included, as kube-apiserver serves
 * them in `columnDefinitions`.
 * @public
 */
export function columnsFor(apiVersion: string, kind: string, printerColumns?: readonly PrinterColumn[]): readonly TableColumnDefinition[] {
  return printerFor(apiVersion, kind, printerColumns).columns;
}

/** What a Table row carries besides its cells (kube-apiserver's `includeObject`; `Metadata` by default). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Options of {@link tableRow}. */
export interface TableRowOptions {
  printerColumns?: readonly PrinterColumn[] | undefined;
  includeObject?: IncludeObject | undefined;
}

/**
 * One Table row for an object at cluster time `now`: every cell (wide ones included), the pod `Completed`
 * condition where it applies, and the object as `PartialObjectMetadata` (or whole, or null).
 * @public
 */
export function tableRow(obj: KubeObject, now: number, options: TableRowOptions = {}): TableRow {
  const printer = printerFor(obj.apiVersion ?? 'v1', obj.kind ?? '', options.printerColumns);
  const row: TableRow = { cells: printer.row(obj, now) };
  const conditions: TableRowCondition[] | undefined = printer.conditions?.(obj);
  if (conditions !== undefined) row.conditions = conditions.map((c) => ({ ...c }));
  const include = options.includeObject ?? 'Metadata';
  if (include === 'Metadata') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { ...(obj.metadata ?? {}) } };
  else if (include === 'Object') row.object = obj;
  else row.object = null;
  return row;
}

/** Options of {@link buildTable}. */
export interface BuildTableOptions {
  /** Cluster clock time in ms; ages are measured from it. */
  now: number;
  /**
   * Keep the priority-1 (`-o wide`) columns. True by default: kube-apiserver always generates them and
   * leaves the hiding to the client.
   */
  wide?: boolean | undefined;
  /** The CRD's `additionalPrinterColumns` when the objects are custom resources. */
  printerColumns?: readonly PrinterColumn[] | undefined;
  /** Prepend a `Namespace` column (what `kubectl get -A` shows). Off by default, as on the server. */
  namespaceColumn?: boolean | undefined;
  /** `includeObject` of the request: the row object as PartialObjectMetadata (default), whole, or none. */
  includeObject?: IncludeObject | undefined;
  /** `TableOptions.noHeaders`: omit `columnDefinitions`. */
  noHeaders?: boolean | undefined;
  /** apiVersion and kind of the objects (default: the first object's; list items may lack them). */
  apiVersion?: string | undefined;
  kind?: string | undefined;
  /** The list's `metadata.resourceVersion` and `continue`, copied into the Table's metadata. */
  resourceVersion?: string | undefined;
  continue?: string | undefined;
}

const NAMESPACE_COLUMN = col('Namespace', 'string', FIELD_DOCS.namespace);

/**
 * A `meta.k8s.io/v1` Table of objects of one kind, as kube-apiserver answers
 * `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`: the kind's column definitions and one row per
 * object in the given order. Every object is printed as the one kind, so pass one kind per call.
 * @public
 */
export function buildTable(objects: readonly KubeObject[], options: BuildTableOptions): Table {
  const first = objects[0];
  const apiVersion = options.apiVersion ?? first?.apiVersion ?? 'v1';
  const kind = options.kind ?? first?.kind ?? '';
  const printer = printerFor(apiVersion, kind, options.printerColumns);
  const wide = options.wide ?? true;
  const keep = printer.columns.map((c) => wide || c.priority === 0);
  let columns: TableColumnDefinition[] = printer.columns.filter((_, i) => keep[i]).map((c) => ({ ...c }));
  const rows: TableRow[] = objects.map((obj) => {
    const row = tableRow({ ...obj, apiVersion, kind }, options.now, { printerColumns: options.printerColumns, includeObject: options.includeObject });
    if (options.includeObject === 'Object') row.object = obj;
    row.cells = row.cells.filter((_, i) => keep[i] ?? true);
    if (options.namespaceColumn === true) row.cells.unshift(obj.metadata?.namespace ?? '');
    return row;
  });
  if (options.namespaceColumn === true) columns = [{ ...NAMESPACE_COLUMN }, ...columns];
  const metadata: Table['metadata'] = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  if (options.continue !== undefined) metadata.continue = options.continue;
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions: options.noHeaders === true ? [] : columns, rows };
}
