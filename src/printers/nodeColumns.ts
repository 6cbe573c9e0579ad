import type { ComponentStatus, Namespace, Node } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/**
 * The STATUS cell of a node: `Ready`/`NotReady` from the Ready condition (`Unknown` without one), with
 * `,SchedulingDisabled` for a cordoned node.
 */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).findLast((c) => c.type === 'Ready');
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/**
 * The ROLES cell: the suffixes of `node-role.kubernetes.io/<role>` labels and the value of a
 * `kubernetes.io/role` label, de-duplicated, sorted, comma-joined; `<none>` when there are none.
 */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  const sorted = [...roles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.length === 0 ? '<none>' : sorted.join(',');
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

function orUnknown(value: string | undefined): string {
  return value ? value : '<unknown>';
}

/**
 * `kubectl get nodes`: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME.
 * @public
 */
export const nodePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    col('Version', 'string', FIELD_DOCS.kubeletVersion),
    col('Internal-IP', 'string', FIELD_DOCS.nodeAddresses, 1),
    col('External-IP', 'string', FIELD_DOCS.nodeAddresses, 1),
    col('OS-Image', 'string', FIELD_DOCS.osImage, 1),
    col('Kernel-Version', 'string', FIELD_DOCS.kernelVersion, 1),
    col('Container-Runtime', 'string', FIELD_DOCS.containerRuntimeVersion, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const node = obj as Node;
    const info = node.status?.nodeInfo;
    return [
      nameOf(obj),
      nodeStatus(node),
      nodeRoles(node),
      ageOf(obj, now),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      orUnknown(info?.osImage),
      orUnknown(info?.kernelVersion),
      orUnknown(info?.containerRuntimeVersion),
    ];
  },
};

/** `kubectl get namespaces`: NAME STATUS AGE. @public */
export const namespacePrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), (obj as Namespace).status?.phase ?? '', ageOf(obj, now)],
};

/** `kubectl get componentstatuses`: NAME STATUS MESSAGE ERROR. @public */
export const componentStatusPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'Status of the component conditions'),
    col('Message', 'string', 'Message of the component conditions'),
    col('Error', 'string', 'Error of the component conditions'),
  ],
  row(obj: KubeObject): TableCell[] {
    const healthy = ((obj as ComponentStatus).conditions ?? []).find((c) => c.type === 'Healthy');
    const status = healthy === undefined ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
    return [nameOf(obj), status, healthy?.message ?? '', healthy?.error ?? ''];
  },
};
