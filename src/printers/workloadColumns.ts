import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import { formatLabelSelector, formatLabelSelectorSpec, labelSelectorFromSpec } from '../api/labelSelector.ts';
import { controllerOf } from '../api/meta.ts';
import type { KubeObject } from '../api/meta.ts';
import { parseApiVersion } from '../api/resourceInfo.ts';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, ageOf, col, formatLabels, layoutContainerCells, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

// `spec.replicas` is defaulted to 1 by the API server; an object read before defaulting shows that too.
const DEFAULT_REPLICAS = 1;

/** `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. @public */
export const deploymentPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', FIELD_DOCS.deployUpdated),
    col('Available', 'string', FIELD_DOCS.deployAvailable),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', FIELD_DOCS.deploySelector, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const d = obj as Deployment;
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    // Upstream prints `selector.String()` here: '' (not `<none>`) for an empty selector.
    let selector: string;
    try {
      selector = formatLabelSelector(labelSelectorFromSpec(d.spec?.selector));
    } catch {
      selector = '<invalid>';
    }
    const status = d.status ?? {};
    const ready = `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? DEFAULT_REPLICAS}`;
    return [nameOf(obj), ready, status.updatedReplicas ?? 0, status.availableReplicas ?? 0, ageOf(obj, now), names, images, selector];
  },
};

function replicaColumns(specReplicas: string, statusReplicas: string, ready: string, selector: string): KindPrinter['columns'] {
  return [
    NAME_COLUMN,
    col('Desired', 'integer', specReplicas),
    col('Current', 'integer', statusReplicas),
    col('Ready', 'integer', ready),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', selector, 1),
  ];
}

/** `kubectl get rs`: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. @public */
export const replicaSetPrinter: KindPrinter = {
  columns: replicaColumns(FIELD_DOCS.rsSpecReplicas, FIELD_DOCS.rsStatusReplicas, FIELD_DOCS.rsReadyReplicas, FIELD_DOCS.rsSelector),
  row(obj: KubeObject, now: number): TableCell[] {
    const rs = obj as ReplicaSet;
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    const status = rs.status;
    return [nameOf(obj), rs.spec?.replicas ?? DEFAULT_REPLICAS, status?.replicas ?? 0, status?.readyReplicas ?? 0, ageOf(obj, now), names, images, formatLabelSelectorSpec(rs.spec?.selector)];
  },
};

/** `kubectl get rc`: like ReplicaSet, with the plain-map selector. @public */
export const replicationControllerPrinter: KindPrinter = {
  columns: replicaColumns(FIELD_DOCS.rcSpecReplicas, FIELD_DOCS.rcStatusReplicas, FIELD_DOCS.rcReadyReplicas, FIELD_DOCS.rcSelector),
  row(obj: KubeObject, now: number): TableCell[] {
    const rc = obj as ReplicationController;
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    const status = rc.status;
    return [nameOf(obj), rc.spec?.replicas ?? DEFAULT_REPLICAS, status?.replicas ?? 0, status?.readyReplicas ?? 0, ageOf(obj, now), names, images, formatLabels(rc.spec?.selector)];
  },
};

/** `kubectl get ds`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. @public */
export const daemonSetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Desired', 'integer', FIELD_DOCS.dsDesired),
    col('Current', 'integer', FIELD_DOCS.dsCurrent),
    col('Ready', 'integer', FIELD_DOCS.dsReady),
    col('Up-to-date', 'integer', FIELD_DOCS.dsUpdated),
    col('Available', 'integer', FIELD_DOCS.dsAvailable),
    col('Node Selector', 'string', FIELD_DOCS.nodeSelector),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', FIELD_DOCS.dsSelector, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const ds = obj as DaemonSet;
    const s = ds.status;
    const podSpec = ds.spec?.template?.spec;
    const [names, images] = layoutContainerCells(podSpec?.containers);
    return [
      nameOf(obj),
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(podSpec?.nodeSelector),
      ageOf(obj, now),
      names,
      images,
      formatLabelSelectorSpec(ds.spec?.selector),
    ];
  },
};

/** `kubectl get sts`: NAME READY AGE, wide CONTAINERS IMAGES. @public */
export const statefulSetPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Ready', 'string', 'Number of the pod with ready state'), AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN],
  row(obj: KubeObject, now: number): TableCell[] {
    const sts = obj as StatefulSet;
    const [names, images] = layoutContainerCells(sts.spec?.template?.spec?.containers);
    return [nameOf(obj), `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? DEFAULT_REPLICAS}`, ageOf(obj, now), names, images];
  },
};

/** `kubectl get controllerrevisions`: NAME CONTROLLER REVISION AGE (`statefulset.apps/web`). @public */
export const controllerRevisionPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Controller', 'string', 'Controller of the object'), col('Revision', 'string', FIELD_DOCS.revision), AGE_COLUMN],
  row(obj: KubeObject, now: number): TableCell[] {
    const ref = controllerOf(obj);
    let controller = '<none>';
    if (ref !== undefined) {
      const { group } = parseApiVersion(ref.apiVersion);
      const groupKind = group === '' ? ref.kind : `${ref.kind}.${group}`;
      controller = groupKind === '' ? ref.name : `${groupKind.toLowerCase()}/${ref.name}`;
    }
    return [nameOf(obj), controller, (obj as ControllerRevision).revision, ageOf(obj, now)];
  },
};
