import type { KubeObject, StoredObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';

/** The operation being admitted. */
export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/**
 * What an admission plugin sees: the object after defaulting (mutable only through the return value
 * of `mutate`), the stored object for updates, and the request's resource and user.
 * @public
 */
export interface AdmissionRequest {
  readonly operation: AdmissionOperation;
  readonly resource: ResourceInfo;
  readonly subresource: string | undefined;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly object: KubeObject;
  readonly oldObject: StoredObject | undefined;
  readonly user: string | undefined;
  readonly dryRun: boolean;
}

/**
 * An admission plugin, run in the order registered: every `mutate` first (each may return a
 * replacement object), then every `validate` (throw a `StatusError` to refuse).
 * @public
 */
export interface AdmissionPlugin {
  readonly name: string;
  mutate?(request: AdmissionRequest): KubeObject | undefined;
  validate?(request: AdmissionRequest): void;
}
