// Upstream ValidateVolumes / validateVolumeSource (the common volume types in detail, the rest by count).
import type { KeyToPath, Volume } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { dns1123LabelErrors } from '../names.ts';
import { validateFieldRef } from './validateContainerParts.ts';
import { arr } from './validationUtils.ts';

const VOLUME_TYPES = [
  'hostPath', 'emptyDir', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim',
  'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const DOWNWARD_VOLUME_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

function modeErrors(mode: number | undefined, path: string): FieldError[] {
  return mode != null && (mode < 0 || mode > 0o777) ? [fieldError.invalid(path, mode, FILE_MODE_MSG)] : [];
}

function relativePathErrors(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fieldError.invalid(path, p, 'must be a relative path'));
  if (p.split('/').includes('..')) errs.push(fieldError.invalid(path, p, "must not contain '..'"));
  if (p.startsWith('..')) errs.push(fieldError.invalid(path, p, "must not start with '..'"));
  return errs;
}

function keyToPathErrors(items: readonly KeyToPath[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(items).forEach((item, i) => {
    const p = `${path}[${i}]`;
    if (!item.key) errs.push(fieldError.required(`${p}.key`));
    if (!item.path) errs.push(fieldError.required(`${p}.path`));
    else errs.push(...relativePathErrors(item.path, `${p}.path`));
    errs.push(...modeErrors(item.mode, `${p}.mode`));
  });
  return errs;
}

function sourceErrors(kind: (typeof VOLUME_TYPES)[number], v: Volume, path: string): FieldError[] {
  const p = `${path}.${kind}`;
  switch (kind) {
    case 'hostPath': {
      const errs: FieldError[] = [];
      const hp = v.hostPath;
      if (!hp?.path) errs.push(fieldError.required(`${p}.path`));
      else if (hp.path.split('/').includes('..')) errs.push(fieldError.invalid(`${p}.path`, hp.path, "must not contain '..'"));
      if (hp?.type != null && !HOST_PATH_TYPES.includes(hp.type)) errs.push(fieldError.notSupported(`${p}.type`, hp.type, HOST_PATH_TYPES));
      return errs;
    }
    case 'secret':
      return [...(v.secret?.secretName ? [] : [fieldError.required(`${p}.secretName`)]), ...keyToPathErrors(v.secret?.items, `${p}.items`), ...modeErrors(v.secret?.defaultMode, `${p}.defaultMode`)];
    case 'configMap':
      return [...(v.configMap?.name ? [] : [fieldError.required(`${p}.name`)]), ...keyToPathErrors(v.configMap?.items, `${p}.items`), ...modeErrors(v.configMap?.defaultMode, `${p}.defaultMode`)];
    case 'persistentVolumeClaim':
      return v.persistentVolumeClaim?.claimName ? [] : [fieldError.required(`${p}.claimName`)];
    case 'nfs': {
      const errs: FieldError[] = [];
      if (!v.nfs?.server) errs.push(fieldError.required(`${p}.server`));
      if (!v.nfs?.path) errs.push(fieldError.required(`${p}.path`));
      else if (!v.nfs.path.startsWith('/')) errs.push(fieldError.invalid(`${p}.path`, v.nfs.path, 'must be an absolute path'));
      return errs;
    }
    case 'downwardAPI': {
      const errs = modeErrors(v.downwardAPI?.defaultMode, `${p}.defaultMode`);
      arr(v.downwardAPI?.items).forEach((item, i) => {
        const ip = `${p}.items[${i}]`;
        if (!item.path) errs.push(fieldError.required(`${ip}.path`));
        else errs.push(...relativePathErrors(item.path, `${ip}.path`));
        if (item.fieldRef != null) errs.push(...validateFieldRef(item.fieldRef, `${ip}.fieldRef`, DOWNWARD_VOLUME_PATHS));
        errs.push(...modeErrors(item.mode, `${ip}.mode`));
      });
      return errs;
    }
    case 'projected':
      return modeErrors(v.projected?.defaultMode, `${p}.defaultMode`);
    case 'csi':
      return v.csi?.driver ? [] : [fieldError.required(`${p}.driver`)];
    case 'ephemeral':
      return v.ephemeral?.volumeClaimTemplate == null ? [fieldError.required(`${p}.volumeClaimTemplate`)] : [];
    default:
      return [];
  }
}

/** What {@link validateVolumes} found: the names of the valid volumes (those mounts may use), and of the claim-backed ones. */
export interface ValidVolumes {
  readonly names: ReadonlySet<string>;
  readonly claims: ReadonlySet<string>;
  readonly errors: FieldError[];
}

/** Upstream `ValidateVolumes`: one source per volume, DNS-1123 label names, unique names. */
export function validateVolumes(volumes: readonly Volume[] | undefined, path: string): ValidVolumes {
  const names = new Set<string>();
  const claims = new Set<string>();
  const errors: FieldError[] = [];
  arr(volumes).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const errs: FieldError[] = [];
    let n = 0;
    for (const kind of VOLUME_TYPES) {
      if ((v as unknown as Record<string, unknown>)[kind] == null) continue;
      if (n > 0) errs.push(fieldError.forbidden(`${p}.${kind}`, 'may not specify more than 1 volume type'));
      else errs.push(...sourceErrors(kind, v, p));
      n++;
    }
    if (n === 0) errs.push(fieldError.required(p, 'must specify a volume type'));
    if (!v.name) errs.push(fieldError.required(`${p}.name`));
    else errs.push(...dns1123LabelErrors(v.name).map((m) => fieldError.invalid(`${p}.name`, v.name, m)));
    if (names.has(v.name)) errs.push(fieldError.duplicate(`${p}.name`, v.name));
    if (errs.length === 0) {
      names.add(v.name);
      if (v.persistentVolumeClaim != null || v.ephemeral != null) claims.add(v.name);
    } else {
      errors.push(...errs);
    }
  });
  return { names, claims, errors };
}
