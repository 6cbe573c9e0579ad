import { diffStrategicMaps } from './diffStrategicMaps.ts';
import { isJsonObject } from './jsonValue.ts';
import type { JsonObject } from './jsonValue.ts';
import { PATCH_MERGE, mergeStrategicMap } from './mergeStrategicMap.ts';
import { malformedPatch } from './patchErrors.ts';
import { patchSchemaFor } from './patchStrategies.ts';
import type { PatchSchema, PatchTargetKind } from './patchStrategies.ts';

function asObject(v: unknown): JsonObject {
  if (v === null || v === undefined) return {};
  if (!isJsonObject(v)) throw malformedPatch('invalid JSON document');
  return v;
}

// A kind without strategic-merge support gets an empty table: every list is replaced and the patch has
// no directives, which makes it a valid JSON merge patch (what kubectl sends for custom resources).
function schemaOf(kind: PatchTargetKind): PatchSchema {
  return patchSchemaFor(kind) ?? {};
}

/**
 * The two-way strategic merge patch from `original` to `modified` (apimachinery
 * `CreateTwoWayMergeMapPatch`): applying it to `original` with {@link applyStrategicMergePatch} yields
 * `modified`. `{}` when nothing changed. For a kind without strategic-merge support the result is a
 * plain JSON merge patch.
 * @public
 */
export function createStrategicPatch(original: unknown, modified: unknown, kind: PatchTargetKind): unknown {
  return diffStrategicMaps(asObject(original), asObject(modified), schemaOf(kind), { setElementOrder: true });
}

/**
 * The patch `kubectl apply` sends (apimachinery `CreateThreeWayMergePatch` with overwrite): from
 * `original` (the last-applied configuration; `null` when there is none), `modified` (the new manifest)
 * and `current` (the live object). Members the manifest dropped since last-applied are deleted; members
 * in the manifest are set where `current` differs; members only others set in `current` (labels a
 * controller added, defaulted fields) are left alone. For a kind without strategic-merge support the
 * result is kubectl's three-way JSON merge patch and must be sent as `application/merge-patch+json`.
 * @public
 */
export function createThreeWayStrategicPatch(original: unknown, modified: unknown, current: unknown, kind: PatchTargetKind): unknown {
  const schema = schemaOf(kind);
  const mod = asObject(modified);
  // Additions and changes come from current → modified, deletions from last-applied → modified.
  const delta = diffStrategicMaps(asObject(current), mod, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffStrategicMaps(asObject(original), mod, schema, { ignoreChangesAndAdditions: true, setElementOrder: true });
  return mergeStrategicMap(deletions, delta, schema, PATCH_MERGE);
}
