import { isJsonObject } from './jsonValue.ts';
import type { JsonValue } from './jsonValue.ts';
import { SERVER_MERGE, mergeStrategicMap } from './mergeStrategicMap.ts';
import { goJsonTypeName, malformedPatch, strategicMergePatchNotSupported } from './patchErrors.ts';
import { patchSchemaFor } from './patchStrategies.ts';
import type { PatchTargetKind } from './patchStrategies.ts';

export { createStrategicPatch, createThreeWayStrategicPatch } from './createStrategicPatch.ts';

/**
 * Applies a Kubernetes strategic merge patch (`application/strategic-merge-patch+json`) to `doc`, an
 * object of `kind`, the way kube-apiserver does (apimachinery `StrategicMergeMapPatch`).
 *
 * Maps merge member by member and `null` deletes a member. Lists with a patch merge key in the
 * {@link patchSchemaFor} table (`containers` by `name`, `ports` by `containerPort`, `conditions` by
 * `type`, …) merge element by element; lists of scalars with the merge strategy (`finalizers`) merge as
 * sets; other lists are replaced. Directives: `$patch: replace | delete` on a map, `$patch: delete |
 * replace` as a list element, `$deleteFromPrimitiveList/<list>`, `$setElementOrder/<list>` and
 * `$retainKeys`. New list elements go where upstream puts them (ahead of the server's own elements unless
 * `$setElementOrder` says otherwise).
 *
 * A custom resource (any kind that is not built in) is refused with 415 UnsupportedMediaType, as the
 * apiextensions server does; clients fall back to a JSON merge patch. A patch that is not a JSON object
 * is a 400; a `null` patch changes nothing. Inputs are never changed; the result shares unchanged
 * subtrees with `doc`.
 * @public
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, kind: PatchTargetKind): unknown {
  const schema = patchSchemaFor(kind);
  if (schema === undefined) throw strategicMergePatchNotSupported();
  if (patch === null) return doc;
  if (!isJsonObject(patch)) throw malformedPatch(`json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type map[string]interface {}`);
  const original = (doc ?? {}) as JsonValue;
  if (!isJsonObject(original)) throw malformedPatch('invalid JSON document');
  return mergeStrategicMap(original, patch, schema, SERVER_MERGE);
}
