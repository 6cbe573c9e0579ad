import type { ControllerDefinition } from '../../src/runtime/controller/defineController.ts';
import { defineController } from '../../src/runtime/controller/defineController.ts';
import type { Reconciler } from '../../src/runtime/controller/reconcileTypes.ts';
import { POOL_TYPE } from './poolResource.ts';
import { reconcilePool } from './poolReconciler.ts';

/**
 * A Pool controller: reconciles Pools and owns ConfigMaps (a member's events wake its controlling
 * pool), plus whatever `extra` adds (custom sources, other watches).
 */
export function poolController(name: string, reconcile: Reconciler, extra: Omit<Partial<ControllerDefinition>, 'name' | 'reconcile'> = {}): ControllerDefinition {
  return defineController({ name, for: POOL_TYPE, owns: ['ConfigMap'], ...extra, reconcile });
}

/** The correct Pool controller ({@link reconcilePool} with its defaults) under `name`. */
export function correctPoolController(name: string): ControllerDefinition {
  return poolController(name, (req, ctx) => reconcilePool(req, ctx));
}
