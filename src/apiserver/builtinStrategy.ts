import type { FieldError } from '../api/fieldErrors.ts';
import type { KubeObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { defaultForCreate, defaultObject } from '../api/defaults/defaultObject.ts';
import { validateCreate, validateUpdate } from '../api/validation/validateObject.ts';
import { defaultAndPrune, validateAgainstSchema } from '../api/schema/validateSchema.ts';
import type { ResourceDefinition } from '../runtime/resources/defineResource.ts';
import type { ApiStrategy } from './apiServer.ts';

/** The built-in strategy, extensible with custom resources. */
export interface BuiltinStrategy extends ApiStrategy {
  addResource(def: ResourceDefinition): void;
}

/**
 * kube-apiserver's per-kind defaulting and validation for every built-in kind, plus the schema and
 * validation function of each registered custom resource.
 * @public
 */
export function createBuiltinStrategy(): BuiltinStrategy {
  const custom = new Map<string, ResourceDefinition>();
  const keyOf = (info: ResourceInfo): string => `${info.group}/${info.kind}`;
  const customErrors = (obj: KubeObject, old: KubeObject | undefined, info: ResourceInfo): FieldError[] | undefined => {
    const def = custom.get(keyOf(info));
    if (def === undefined) return undefined;
    return [...(def.schema !== undefined ? validateAgainstSchema(obj, def.schema) : []), ...(def.validate?.(obj, old) ?? [])];
  };
  return {
    addResource(def) {
      custom.set(`${def.group}/${def.kind}`, def);
    },
    defaults(obj, info, operation) {
      const def = custom.get(keyOf(info));
      if (def?.schema !== undefined) return defaultAndPrune(obj, def.schema) as KubeObject;
      return operation === 'CREATE' ? defaultForCreate(obj) : defaultObject(obj);
    },
    validateCreate(obj, info) {
      const errors = validateCreate(obj, info);
      return [...errors, ...(customErrors(obj, undefined, info) ?? [])];
    },
    validateUpdate(obj, old, info) {
      const errors = validateUpdate(obj, old, info);
      return [...errors, ...(customErrors(obj, old, info) ?? [])];
    },
  };
}
