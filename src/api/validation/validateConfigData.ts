// Upstream ValidateConfigMap / ValidateSecret and their updates.
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { configMapKeyErrors, immutable, semanticEqual, sortedKeys } from './validationUtils.ts';

/** Upstream `MaxSecretSize` (also the ConfigMap limit): 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Go's encoding/base64 error for the first bad byte, which kube-apiserver returns when decoding.
function base64Error(v: string): string | undefined {
  if (BASE64.test(v)) return undefined;
  const bad = v.search(/[^A-Za-z0-9+/=]/);
  const at = bad >= 0 ? bad : v.includes('=') ? v.indexOf('=') : v.length - (v.length % 4);
  return `illegal base64 data at input byte ${at}`;
}

function configMapDataErrors(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of sortedKeys(cm.data)) {
    errs.push(...configMapKeyErrors(k).map((m) => fieldError.invalid(`data[${k}]`, k, m)));
    if (cm.binaryData != null && Object.hasOwn(cm.binaryData, k)) errs.push(fieldError.invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(cm.data?.[k] ?? '');
  }
  for (const k of sortedKeys(cm.binaryData)) {
    errs.push(...configMapKeyErrors(k).map((m) => fieldError.invalid(`binaryData[${k}]`, k, m)));
    if (cm.data != null && Object.hasOwn(cm.data, k)) errs.push(fieldError.invalid(`binaryData[${k}]`, k, 'duplicate of key present in data'));
    size += Buffer.from(cm.binaryData?.[k] ?? '', 'base64').length;
  }
  if (size > MAX_SECRET_SIZE) errs.push(fieldError.tooLong('', '', MAX_SECRET_SIZE));
  return errs;
}

/** Upstream `ValidateConfigMap`: valid keys, no key in both `data` and `binaryData`, total ≤ 1 MiB. */
export function validateConfigMap(cm: ConfigMap): FieldError[] {
  return [...validateObjectMeta(cm.metadata, true), ...configMapDataErrors(cm)];
}

function immutableDataErrors(next: { immutable?: boolean }, old: { immutable?: boolean }, fields: readonly string[], obj: object, oldObj: object): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (next.immutable !== true) errs.push(fieldError.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!semanticEqual((obj as Record<string, unknown>)[f], (oldObj as Record<string, unknown>)[f])) errs.push(fieldError.forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** Upstream `ValidateConfigMapUpdate`: an immutable ConfigMap keeps its data. */
export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  return [...validateObjectMetaUpdate(cm.metadata, old.metadata), ...immutableDataErrors(cm, old, ['data', 'binaryData'], cm, old), ...configMapDataErrors(cm)];
}

function secretDataErrors(secret: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const data = secret.data ?? {};
  let size = 0;
  for (const k of sortedKeys(data)) {
    errs.push(...configMapKeyErrors(k).map((m) => fieldError.invalid(`data[${k}]`, k, m)));
    const v = String(data[k] ?? '');
    const bad = base64Error(v);
    if (bad !== undefined) errs.push(fieldError.invalid(`data[${k}]`, '<secret contents redacted>', bad));
    size += Buffer.from(v, 'base64').length;
  }
  if (size > MAX_SECRET_SIZE) errs.push(fieldError.tooLong('data', '', MAX_SECRET_SIZE));
  const has = (k: string): boolean => Object.hasOwn(data, k);
  switch (secret.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) errs.push(fieldError.required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) errs.push(fieldError.required(`data[${key}]`));
      else {
        try {
          JSON.parse(Buffer.from(data[key] ?? '', 'base64').toString('utf8'));
        } catch (e) {
          errs.push(fieldError.invalid(`data[${key}]`, '<secret contents redacted>', (e as Error).message));
        }
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(fieldError.required('data[username]'), fieldError.required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(fieldError.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fieldError.required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(fieldError.required('data[tls.key]'));
      break;
    default:
  }
  return errs;
}

/**
 * Upstream `ValidateSecret`: valid keys, total ≤ 1 MiB, the keys each built-in type requires. A value
 * that is not base64 is a decode error upstream (400); here it is reported on its key.
 */
export function validateSecret(secret: Secret): FieldError[] {
  return [...validateObjectMeta(secret.metadata, true), ...secretDataErrors(secret)];
}

/** Upstream `ValidateSecretUpdate`: type immutable; an immutable Secret keeps its data. */
export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  return [
    ...validateObjectMetaUpdate(secret.metadata, old.metadata),
    ...immutable(secret.type, old.type, 'type'),
    ...immutableDataErrors(secret, old, ['data'], secret, old),
    ...secretDataErrors(secret),
  ];
}
