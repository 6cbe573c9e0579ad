import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Container } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../apiserver/timestamps.ts';
import { clientOf, clockOf, getDeployment } from './rolloutTarget.ts';
import type { RolloutTarget } from './rolloutTarget.ts';

/** The annotation `kubectl rollout restart` stamps on the pod template. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

const SCALABLE: Readonly<Record<string, string>> = {
  Deployment: 'deployment.apps',
  ReplicaSet: 'replicaset.apps',
  ReplicationController: 'replicationcontroller',
  StatefulSet: 'statefulset.apps',
};

/** `kubectl rollout pause deployment/<name>`: `deployment.apps/kubia paused`. */
export async function rolloutPause(target: RolloutTarget, name: string, namespace = 'default'): Promise<string> {
  const d = await getDeployment(target, name, namespace);
  if (d.spec?.paused === true) throw new Error(`deployments.apps ${JSON.stringify(name)} is already paused`);
  await clientOf(target).patch('Deployment', name, { spec: { paused: true } }, { namespace, type: 'strategic' });
  return `deployment.apps/${name} paused`;
}

/** `kubectl rollout resume deployment/<name>`: `deployment.apps/kubia resumed`. */
export async function rolloutResume(target: RolloutTarget, name: string, namespace = 'default'): Promise<string> {
  const d = await getDeployment(target, name, namespace);
  if (d.spec?.paused !== true) throw new Error(`deployments.apps ${JSON.stringify(name)} is not paused`);
  await clientOf(target).patch('Deployment', name, { spec: { paused: null } }, { namespace, type: 'strategic' });
  return `deployment.apps/${name} resumed`;
}

/**
 * `kubectl rollout restart deployment/<name>`: stamps `kubectl.kubernetes.io/restartedAt` (cluster time,
 * RFC 3339) on the pod template, which rolls out new pods. Needs a target with a clock (a `Cluster`).
 */
export async function rolloutRestart(target: RolloutTarget, name: string, namespace = 'default'): Promise<string> {
  const clock = clockOf(target);
  if (clock === undefined) throw new Error('rolloutRestart needs a target with a clock (pass the cluster)');
  const d = await getDeployment(target, name, namespace);
  if (d.spec?.paused === true) throw new Error(`deployments.apps ${JSON.stringify(name)} can't restart paused deployment (run rollout resume first)`);
  const patch = { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: rfc3339(clock.now()) } } } } };
  await clientOf(target).patch('Deployment', name, patch, { namespace, type: 'strategic' });
  return `deployment.apps/${name} restarted`;
}

/** `kubectl scale <kind>/<name> --replicas=N` for Deployments, ReplicaSets, ReplicationControllers and StatefulSets. */
export async function scale(target: RolloutTarget, kind: 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'StatefulSet', name: string, replicas: number, namespace = 'default'): Promise<string> {
  await clientOf(target).patch(kind, name, { spec: { replicas } }, { namespace, type: 'merge' });
  return `${SCALABLE[kind] ?? kind}/${name} scaled`;
}

/**
 * `kubectl set image deployment/<name> <container>=<image> …` (`*` names every container): patches
 * containers and init containers by name.
 * @throws `unable to find container named "x"` when a named container does not exist
 */
export async function setImage(target: RolloutTarget, name: string, images: Readonly<Record<string, string>>, namespace = 'default'): Promise<string> {
  const d = await getDeployment(target, name, namespace);
  const spec = d.spec?.template.spec;
  const all: readonly Container[] = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  for (const c of Object.keys(images)) {
    if (c !== '*' && !all.some((x) => x.name === c)) throw new Error(`unable to find container named ${JSON.stringify(c)}`);
  }
  const pick = (c: Container): Container => ({ ...c, image: images[c.name] ?? images['*'] ?? c.image ?? '' });
  await clientOf(target).mutate('Deployment', name, (draft: Deployment) => {
    const s = draft.spec?.template.spec;
    if (s === undefined) return;
    const w = s as { containers: Container[]; initContainers?: Container[] };
    w.containers = s.containers.map(pick);
    if (s.initContainers !== undefined) w.initContainers = s.initContainers.map(pick);
  }, { namespace });
  return `deployment.apps/${name} image updated`;
}
