// Upstream validation of what a container holds: ports, env, envFrom, volume mounts and devices.
import type { ContainerPort, EnvFromSource, EnvVar, VolumeDevice, VolumeMount } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { qualifiedNameErrors } from '../names.ts';
import { nameIsDnsSubdomain } from './validateObjectMeta.ts';
import { arr, configMapKeyErrors, envVarNameErrors, PORT_PROTOCOLS, portNameErrors, portNumErrors } from './validationUtils.ts';

/** Upstream `validateContainerPorts`. */
export function validateContainerPorts(ports: readonly ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((port, i) => {
    const p = `${path}[${i}]`;
    if (port.name) {
      const msgs = portNameErrors(port.name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => fieldError.invalid(`${p}.name`, port.name, m)));
      else if (names.has(port.name)) errs.push(fieldError.duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fieldError.required(`${p}.containerPort`));
    else errs.push(...portNumErrors(port.containerPort).map((m) => fieldError.invalid(`${p}.containerPort`, port.containerPort, m)));
    if (port.hostPort) errs.push(...portNumErrors(port.hostPort).map((m) => fieldError.invalid(`${p}.hostPort`, port.hostPort, m)));
    if (!port.protocol) errs.push(fieldError.required(`${p}.protocol`));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(fieldError.notSupported(`${p}.protocol`, port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

/** Upstream `validateObjectFieldSelector` for the downward API paths env vars may use. */
export function validateFieldRef(ref: { apiVersion?: string; fieldPath?: string }, path: string, allowed: readonly string[] = ENV_FIELD_PATHS): FieldError[] {
  if (!ref.apiVersion) return [fieldError.required(`${path}.apiVersion`)];
  if (!ref.fieldPath) return [fieldError.required(`${path}.fieldPath`)];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(ref.fieldPath);
  if (sub !== null) {
    const key = sub[1] === 'metadata.annotations' ? (sub[2] ?? '').toLowerCase() : (sub[2] ?? '');
    return qualifiedNameErrors(key).map((m) => fieldError.invalid(path, key, m));
  }
  return allowed.includes(ref.fieldPath) ? [] : [fieldError.notSupported(`${path}.fieldPath`, ref.fieldPath, allowed)];
}

function validateKeySelector(ref: { name?: string; key?: string }, path: string): FieldError[] {
  const errs = nameIsDnsSubdomain(ref.name ?? '', false).map((m) => fieldError.invalid(`${path}.name`, ref.name ?? '', m));
  if (!ref.key) errs.push(fieldError.required(`${path}.key`));
  else errs.push(...configMapKeyErrors(ref.key).map((m) => fieldError.invalid(`${path}.key`, ref.key, m)));
  return errs;
}

function validateEnvVarValueFrom(ev: EnvVar, path: string): FieldError[] {
  const from = ev.valueFrom;
  if (from == null) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (from.fieldRef != null) {
    n++;
    errs.push(...validateFieldRef(from.fieldRef, `${path}.fieldRef`));
  }
  if (from.resourceFieldRef != null) {
    n++;
    const r = from.resourceFieldRef.resource;
    if (!r) errs.push(fieldError.required(`${path}.resourceFieldRef.resource`));
    else if (!RESOURCE_FIELD_PATHS.includes(r) && !/^(limits|requests)\.hugepages-/.test(r)) {
      errs.push(fieldError.notSupported(`${path}.resourceFieldRef.resource`, r, RESOURCE_FIELD_PATHS));
    }
  }
  if (from.configMapKeyRef != null) {
    n++;
    errs.push(...validateKeySelector(from.configMapKeyRef, `${path}.configMapKeyRef`));
  }
  if (from.secretKeyRef != null) {
    n++;
    errs.push(...validateKeySelector(from.secretKeyRef, `${path}.secretKeyRef`));
  }
  if (n === 0) errs.push(fieldError.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(fieldError.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** Upstream `ValidateEnv`. */
export function validateEnv(env: readonly EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    if (!ev.name) errs.push(fieldError.required(`${p}.name`));
    else errs.push(...envVarNameErrors(ev.name).map((m) => fieldError.invalid(`${p}.name`, ev.name, m)));
    errs.push(...validateEnvVarValueFrom(ev, `${p}.valueFrom`));
  });
  return errs;
}

/** Upstream `ValidateEnvFrom`. */
export function validateEnvFrom(sources: readonly EnvFromSource[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(sources).forEach((s, i) => {
    const p = `${path}[${i}]`;
    if (s.prefix) errs.push(...envVarNameErrors(s.prefix).map((m) => fieldError.invalid(`${p}.prefix`, s.prefix, m)));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = s[kind];
      if (ref == null) continue;
      n++;
      if (!ref.name) errs.push(fieldError.required(`${p}.${kind}.name`));
      else errs.push(...nameIsDnsSubdomain(ref.name, false).map((m) => fieldError.invalid(`${p}.${kind}.name`, ref.name, m)));
    }
    if (n === 0) errs.push(fieldError.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function localDescendingPathErrors(target: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(fieldError.invalid(path, target, 'must be a relative path'));
  if (target.split('/').includes('..')) errs.push(fieldError.invalid(path, target, "must not contain '..'"));
  return errs;
}

/** Upstream `ValidateVolumeMounts` against the pod's valid volumes. */
export function validateVolumeMounts(mounts: readonly VolumeMount[] | undefined, volumes: ReadonlySet<string>, devices: readonly VolumeDevice[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  const devNames = new Set(arr(devices).map((d) => d.name));
  const devPaths = new Set(arr(devices).map((d) => d.devicePath));
  arr(mounts).forEach((m, i) => {
    const p = `${path}[${i}]`;
    if (!m.name) errs.push(fieldError.required(`${p}.name`));
    if (!volumes.has(m.name)) errs.push(fieldError.notFound(`${p}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(fieldError.required(`${p}.mountPath`));
    if (mountPaths.has(m.mountPath)) errs.push(fieldError.invalid(`${p}.mountPath`, m.mountPath, 'must be unique'));
    mountPaths.add(m.mountPath);
    if (devNames.has(m.name)) errs.push(fieldError.invalid(`${p}.name`, m.name, 'must not already exist in volumeDevices'));
    if (devPaths.has(m.mountPath)) errs.push(fieldError.invalid(`${p}.mountPath`, m.mountPath, 'must not already exist as a path in volumeDevices'));
    // Upstream reports subPath problems on the list's path, not the mount's.
    if (m.subPath) errs.push(...localDescendingPathErrors(m.subPath, `${path}.subPath`));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(fieldError.invalid(`${p}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPathErrors(m.subPathExpr, `${path}.subPathExpr`));
    }
    const prop = m.mountPropagation;
    if (prop != null && !['Bidirectional', 'HostToContainer', 'None'].includes(prop)) {
      errs.push(fieldError.notSupported(`${path}.mountPropagation`, prop, ['Bidirectional', 'HostToContainer', 'None']));
    }
  });
  return errs;
}

/** Upstream `ValidateVolumeDevices` (block devices need a claim-backed volume). */
export function validateVolumeDevices(devices: readonly VolumeDevice[] | undefined, claimVolumes: ReadonlySet<string>, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(devices).forEach((d, i) => {
    const p = `${path}[${i}]`;
    if (!d.name) errs.push(fieldError.required(`${p}.name`));
    if (names.has(d.name)) errs.push(fieldError.invalid(`${p}.name`, d.name, 'must be unique'));
    names.add(d.name);
    if (volumes.has(d.name) && !claimVolumes.has(d.name)) {
      errs.push(fieldError.invalid(`${p}.name`, d.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!volumes.has(d.name)) errs.push(fieldError.notFound(`${p}.name`, d.name ?? ''));
    if (!d.devicePath) errs.push(fieldError.required(`${p}.devicePath`));
  });
  return errs;
}
