import type { Pod, PodTemplate } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, formatLabels, layoutContainerCells, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { podStatusCells } from './podStatus.ts';
import type { KindPrinter, TableCell, TableRowCondition } from './tableTypes.ts';

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

function orNone(value: string | undefined): string {
  return value ? value : '<none>';
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const ready = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ready}/${gates.length}`;
}

/**
 * `kubectl get pods`: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES.
 * Succeeded and failed pods carry the `Completed` row condition, as upstream.
 * @public
 */
export const podPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE_COLUMN,
    col('IP', 'string', FIELD_DOCS.podIP, 1),
    col('Node', 'string', FIELD_DOCS.nodeName, 1),
    col('Nominated Node', 'string', FIELD_DOCS.nominatedNodeName, 1),
    col('Readiness Gates', 'string', FIELD_DOCS.readinessGates, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const pod = obj as Pod;
    const { ready, status, restarts } = podStatusCells(pod, now);
    // A v1 pod with only `podIP` converts to `podIPs: [podIP]` on the server; read either.
    const ip = pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP;
    return [nameOf(obj), ready, status, restarts, ageOf(obj, now), orNone(ip), orNone(pod.spec?.nodeName), orNone(pod.status?.nominatedNodeName), readinessGates(pod)];
  },
  conditions(obj: KubeObject): TableRowCondition[] | undefined {
    const phase = (obj as Pod).status?.phase;
    return phase === 'Succeeded' ? SUCCEEDED : phase === 'Failed' ? FAILED : undefined;
  },
};

/** `kubectl get podtemplates`: NAME CONTAINERS IMAGES POD LABELS. @public */
export const podTemplatePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Containers', 'string', 'Names of each container in the template.'),
    col('Images', 'string', 'Images referenced by each container in the template.'),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  row(obj: KubeObject): TableCell[] {
    const template = (obj as PodTemplate).template;
    const [names, images] = layoutContainerCells(template?.spec?.containers);
    return [nameOf(obj), names, images, formatLabels(template?.metadata?.labels)];
  },
};
