import type { KubeObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { applyJsonPatch } from '../api/patch/jsonPatch.ts';
import { applyMergePatch } from '../api/patch/mergePatch.ts';
import { applyStrategicMergePatch } from '../api/patch/strategicMergePatch.ts';
import { badRequest } from '../api/status.ts';
import type { PatchType } from './requestOptions.ts';

function parse(patch: unknown): unknown {
  if (typeof patch !== 'string') return patch;
  try {
    return JSON.parse(patch) as unknown;
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

/** Applies a patch of the given type to `current` (a string body is parsed as JSON first). */
export function applyPatch(current: KubeObject, patch: unknown, type: PatchType, info: ResourceInfo): unknown {
  const body = parse(patch);
  switch (type) {
    case 'json':
      return applyJsonPatch(current, body);
    case 'merge':
      return applyMergePatch(current, body);
    case 'strategic':
      return applyStrategicMergePatch(current, body, { apiVersion: current.apiVersion ?? apiVersionOf(info), kind: info.kind });
  }
}
