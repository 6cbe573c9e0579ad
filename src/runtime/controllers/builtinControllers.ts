import type { AnyStateMachine } from 'xstate';
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
 * The controllers kube-controller-manager runs here, in start order. `machines` are the ReplicaSet
 * lifecycle and Deployment rollout statecharts the controllers run per object (createCluster passes them).
 * @public
 */
export function builtinControllers(machines: { readonly replicaSet?: AnyStateMachine; readonly rollout?: AnyStateMachine } = {}): ControllerDefinition[] {
  return [
    namespaceController(),
    garbageCollector(),
    replicaSetController(machines.replicaSet !== undefined ? { lifecycle: machines.replicaSet } : {}),
    replicationController(machines.replicaSet !== undefined ? { lifecycle: machines.replicaSet } : {}),
    deploymentController(machines.rollout !== undefined ? { rollout: machines.rollout } : {}),
    daemonSetController(),
    endpointsController(),
    endpointSliceController(),
    endpointSliceMirroringController(),
  ];
}
