import type { ControllerDefinition } from '../controller/defineController.ts';
import { garbageCollector } from './garbageCollector.ts';
import { namespaceController } from './namespaceController.ts';
import { replicaSetController, replicationController } from './replicaSetController.ts';
import { deploymentController } from './deploymentController.ts';
import { daemonSetController } from './daemonSetController.ts';
import { endpointsController } from './endpointsController.ts';
import { endpointSliceController } from './endpointSliceController.ts';
import { endpointSliceMirroringController } from './endpointSliceMirroringController.ts';

/**
 * The controllers kube-controller-manager runs here, in start order.
 * @public
 */
export function builtinControllers(): ControllerDefinition[] {
  return [
    namespaceController(),
    garbageCollector(),
    replicaSetController(),
    replicationController(),
    deploymentController(),
    daemonSetController(),
    endpointsController(),
    endpointSliceController(),
    endpointSliceMirroringController(),
  ];
}
