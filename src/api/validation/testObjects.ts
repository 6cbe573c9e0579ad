// Minimal valid objects of each kind for the validation and defaulting tests (not used by src code).
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { Pod, PodTemplateSpec, Service } from 'kubernetes-types/core/v1.js';
import { formatFieldError, type FieldError } from '../fieldErrors.ts';

/** Freezes a value and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** The errors as kube-apiserver prints them (`field: message`). */
export function messages(errs: readonly FieldError[]): string[] {
  return errs.map(formatFieldError);
}

/** A pod template whose pods carry `app: web`. */
export function template(labels: Record<string, string> = { app: 'web' }): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
}

/** A minimal Pod. */
export function pod(): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
}

/** A minimal Service selecting `app: web`. */
export function service(): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
}

/** A minimal Deployment. */
export function deployment(): Deployment {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
}

/** A minimal ReplicaSet. */
export function replicaSet(): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
}

/** A minimal DaemonSet. */
export function daemonSet(): DaemonSet {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
}

/** A minimal StatefulSet. */
export function statefulSet(): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: template() },
  };
}

/** A minimal Job with a uid (so its selector is generated when defaulted). */
export function job(): Job {
  const t = template({ app: 'batch' });
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'uid-1' },
    spec: { template: { ...t, spec: { ...t.spec, containers: t.spec?.containers ?? [], restartPolicy: 'Never' } } },
  };
}

/** A minimal CronJob. */
export function cronJob(): CronJob {
  const t = template({ app: 'batch' });
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { ...t, spec: { ...t.spec, containers: t.spec?.containers ?? [], restartPolicy: 'OnFailure' } } } } },
  };
}
