// Upstream validateContainers / validateInitContainers / validateContainerCommon.
import type { Container } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { dns1123LabelErrors } from '../names.ts';
import { validateContainerPorts, validateEnv, validateEnvFrom, validateVolumeDevices, validateVolumeMounts } from './validateContainerParts.ts';
import { validateLifecycle, validateLivenessProbe, validateReadinessProbe } from './validateProbe.ts';
import { validateResourceRequirements } from './validateResources.ts';
import type { ValidVolumes } from './validateVolumes.ts';
import { arr } from './validationUtils.ts';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function validateContainerCommon(c: Container, volumes: ValidVolumes, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fieldError.required(`${path}.name`));
  else errs.push(...dns1123LabelErrors(c.name).map((m) => fieldError.invalid(`${path}.name`, c.name, m)));
  if (!c.image) errs.push(fieldError.required(`${path}.image`));
  const tmp = c.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(fieldError.required(`${path}.terminationMessagePolicy`));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) errs.push(fieldError.notSupported(`${path}.terminationMessagePolicy`, tmp, TERMINATION_MESSAGE_POLICIES));
  errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes.names, c.volumeDevices, `${path}.volumeMounts`));
  errs.push(...validateVolumeDevices(c.volumeDevices, volumes.claims, volumes.names, `${path}.volumeDevices`));
  const pull = c.imagePullPolicy ?? '';
  if (pull === '') errs.push(fieldError.required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pull)) errs.push(fieldError.notSupported(`${path}.imagePullPolicy`, pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, `${path}.resources`));
  return errs;
}

// Upstream AccumulateUniqueHostPorts: hostIP/protocol/hostPort is unique across the given containers.
function hostPortConflicts(containers: readonly Container[], path: string, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    arr(c.ports).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `${p.hostIP ?? ''}/${p.protocol ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(fieldError.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

/** Upstream `validateContainers`: at least one, names unique, probes and lifecycle valid, no restartPolicy. */
export function validateContainers(containers: readonly Container[] | undefined, volumes: ValidVolumes, path: string): FieldError[] {
  const list = arr(containers);
  if (list.length === 0) return [fieldError.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(fieldError.duplicate(`${p}.name`, c.name));
    else names.add(c.name);
    errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
    errs.push(...validateLivenessProbe(c.livenessProbe, `${p}.livenessProbe`));
    errs.push(...validateReadinessProbe(c.readinessProbe, `${p}.readinessProbe`));
    errs.push(...validateLivenessProbe(c.startupProbe, `${p}.startupProbe`));
    if (c.restartPolicy != null) errs.push(fieldError.forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(list, path));
  return errs;
}

const INIT_ONLY_MSG = 'may not be set for init containers without restartPolicy=Always';

/**
 * Upstream `validateInitContainers`: names unique across app and init containers; probes and lifecycle
 * only on sidecars (`restartPolicy: Always`).
 */
export function validateInitContainers(containers: readonly Container[] | undefined, regular: readonly Container[] | undefined, volumes: ValidVolumes, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr(regular).map((c) => c.name));
  arr(containers).forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy != null && !sidecar) errs.push(fieldError.notSupported(`${p}.restartPolicy`, c.restartPolicy, ['Always']));
    if (names.has(c.name)) errs.push(fieldError.duplicate(`${p}.name`, c.name));
    else if (c.name) names.add(c.name);
    // Upstream checks each init container alone (they run one by one), hence the [0] in its path.
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
      errs.push(...validateLivenessProbe(c.livenessProbe, `${p}.livenessProbe`));
      errs.push(...validateReadinessProbe(c.readinessProbe, `${p}.readinessProbe`));
      errs.push(...validateLivenessProbe(c.startupProbe, `${p}.startupProbe`));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[f] != null) errs.push(fieldError.forbidden(`${p}.${f}`, INIT_ONLY_MSG));
      }
    }
  });
  return errs;
}
