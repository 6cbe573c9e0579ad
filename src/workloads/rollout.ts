import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { StoredObject } from '../api/meta.ts';
import { CHANGE_CAUSE_ANNOTATION, revisionOf, skipCopyAnnotation } from './deploymentAnnotations.ts';
import { DeploymentReason, getDeploymentCondition } from './deploymentConditions.ts';
import { equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './deploymentReplicaSets.ts';
import { clientOf, getDeployment, replicaSetsOf } from './rolloutTarget.ts';
import type { RolloutTarget } from './rolloutTarget.ts';

export { rolloutPause, rolloutResume, rolloutRestart, scale, setImage } from './rolloutCommands.ts';
export type { RolloutTarget } from './rolloutTarget.ts';

/** One answer of `kubectl rollout status`: the line it prints and whether it would stop watching. */
export interface RolloutStatusLine {
  readonly message: string;
  readonly done: boolean;
}

/**
 * kubectl's `DeploymentStatusViewer.Status` for a Deployment object: `Waiting for deployment "kubia"
 * rollout to finish: 1 out of 3 new replicas have been updated...`, `… 1 old replicas are pending
 * termination...`, `… 2 of 3 updated replicas are available...`, `deployment "kubia" successfully
 * rolled out`, or `Waiting for deployment spec update to be observed...`.
 * @throws when the Progressing condition says ProgressDeadlineExceeded (`deployment "kubia" exceeded its progress deadline`)
 */
export function deploymentStatusLine(d: Deployment): RolloutStatusLine {
  const name = JSON.stringify(d.metadata?.name ?? '');
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  if (getDeploymentCondition(s, 'Progressing')?.reason === DeploymentReason.TimedOut) throw new Error(`deployment ${name} exceeded its progress deadline`);
  const updated = s.updatedReplicas ?? 0;
  const replicas = d.spec?.replicas;
  const prefix = `Waiting for deployment ${name} rollout to finish:`;
  if (replicas !== undefined && updated < replicas) return { message: `${prefix} ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if ((s.replicas ?? 0) > updated) return { message: `${prefix} ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { message: `${prefix} ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment ${name} successfully rolled out`, done: true };
}

/** `kubectl rollout status deployment/<name> --watch=false`. */
export async function rolloutStatus(target: RolloutTarget, name: string, namespace = 'default'): Promise<RolloutStatusLine> {
  return deploymentStatusLine(await getDeployment(target, name, namespace));
}

/** A revision in a Deployment's history. */
export interface RolloutRevision {
  readonly revision: number;
  readonly changeCause: string | undefined;
  readonly replicaSet: string;
  readonly template: PodTemplateSpec;
}

/** The Deployment's revisions, oldest first (one per ReplicaSet; the newest holds a reused template). */
export async function rolloutRevisions(target: RolloutTarget, name: string, namespace = 'default'): Promise<RolloutRevision[]> {
  const d = await getDeployment(target, name, namespace);
  const byRevision = new Map<number, RolloutRevision>();
  for (const rs of await replicaSetsOf(target, d)) {
    const v = revisionOf(rs);
    if (Number.isNaN(v)) continue;
    byRevision.set(v, { revision: v, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION], replicaSet: rs.metadata.name, template: rs.spec?.template ?? {} });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

// Go's tabwriter with padding 2 (kubectl's printers.GetNewTabWriter).
function tabbed(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd((widths[i] ?? 0) + 2) : c)).join('')).join('\n') + '\n';
}

function describeTemplate(t: PodTemplateSpec): string {
  const kv = (m: Readonly<Record<string, string>> | undefined): string => {
    const keys = Object.keys(m ?? {}).sort();
    return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${m?.[k] ?? ''}`).join('\n\t');
  };
  const lines = ['Pod Template:', `  Labels:\t${kv(t.metadata?.labels)}`];
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0) lines.push(`  Annotations:\t${kv(t.metadata?.annotations).replaceAll('=', ': ')}`);
  lines.push('  Containers:');
  for (const c of t.spec?.containers ?? []) {
    lines.push(`   ${c.name}:`, `    Image:\t${c.image ?? ''}`);
    const port = c.ports?.[0];
    lines.push(`    Port:\t${port === undefined ? '<none>' : `${port.containerPort}/${port.protocol ?? 'TCP'}`}`);
    lines.push(`    Host Port:\t${port === undefined ? '<none>' : `${port.hostPort ?? 0}/${port.protocol ?? 'TCP'}`}`);
    lines.push(`    Environment:\t${(c.env ?? []).length === 0 ? '<none>' : (c.env ?? []).map((e) => `${e.name}:\t${e.value ?? ''}`).join('\n      ')}`);
    lines.push(`    Mounts:\t${(c.volumeMounts ?? []).length === 0 ? '<none>' : (c.volumeMounts ?? []).map((m) => `${m.mountPath} from ${m.name}`).join('\n      ')}`);
  }
  lines.push(`  Volumes:\t${(t.spec?.volumes ?? []).length === 0 ? '<none>' : (t.spec?.volumes ?? []).map((v) => v.name).join(', ')}`);
  return lines.join('\n') + '\n';
}

/**
 * `kubectl rollout history deployment/<name> [--revision=N]`: the `REVISION  CHANGE-CAUSE` table
 * after `deployment.apps/<name> `, or one revision's pod template.
 */
export async function rolloutHistory(target: RolloutTarget, name: string, namespace = 'default', revision?: number): Promise<string> {
  const revisions = await rolloutRevisions(target, name, namespace);
  const title = `deployment.apps/${name}`;
  if (revision !== undefined && revision > 0) {
    const r = revisions.find((x) => x.revision === revision);
    if (r === undefined) throw new Error('unable to find the specified revision');
    const template = structuredClone(r.template);
    if (r.changeCause !== undefined) template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: r.changeCause } };
    return `${title} with revision #${revision}\n${describeTemplate(template)}`;
  }
  if (revisions.length === 0) return `${title} \nNo rollout history found.\n`;
  return `${title} \n${tabbed([['REVISION', 'CHANGE-CAUSE'], ...revisions.map((r) => [String(r.revision), r.changeCause ?? '<none>'])])}`;
}

/**
 * `kubectl rollout undo deployment/<name> [--to-revision=N]`: copies the template of the previous
 * revision (or revision N) back into the Deployment, with that ReplicaSet's annotations, through a
 * JSON patch; the controller then rolls it out as the newest revision.
 * @returns `deployment.apps/kubia rolled back` or `… skipped rollback (current template already matches revision N)`
 * @throws `unable to find specified revision N in history`, `no rollout history found for deployment "kubia"`,
 * `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`
 */
export async function rolloutUndo(target: RolloutTarget, name: string, namespace = 'default', toRevision = 0): Promise<string> {
  if (toRevision < 0) throw new Error(`unable to find specified revision ${toRevision} in history`);
  const d = await getDeployment(target, name, namespace);
  const rsList = await replicaSetsOf(target, d);
  let chosen: (typeof rsList)[number] | undefined;
  if (toRevision > 0) {
    chosen = rsList.find((rs) => revisionOf(rs) === toRevision);
    if (chosen === undefined) throw new Error(`unable to find specified revision ${toRevision} in history`);
  } else {
    const sorted = rsList.filter((rs) => !Number.isNaN(revisionOf(rs))).sort((a, b) => revisionOf(b) - revisionOf(a));
    chosen = sorted[1];
    if (chosen === undefined) throw new Error(`no rollout history found for deployment ${JSON.stringify(name)}`);
  }
  if (d.spec?.paused === true) throw new Error("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const title = `deployment.apps/${name}`;
  if (equalIgnoreHash(chosen.spec?.template, d.spec?.template)) return `${title} skipped rollback (current template already matches revision ${revisionOf(chosen)})`;
  const template = structuredClone(chosen.spec?.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  template.metadata = { ...(template.metadata ?? {}), labels };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(chosen.metadata.annotations ?? {})) if (!skipCopyAnnotation(k)) annotations[k] = v;
  await clientOf(target).patch<'Deployment', StoredObject<Deployment>>('Deployment', name, [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ], { namespace, type: 'json' });
  return `${title} rolled back`;
}
