import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { StoredObject } from '../../api/meta.ts';
import { controllerOf } from '../../api/meta.ts';
import { isNotFound, isStatusError } from '../../api/status.ts';
import type { Client } from '../../client/client.ts';
import type { Clock } from '../sim/clock.ts';

/** The outcome of {@link cordon} / {@link uncordon}: the node and kubectl's line. */
export interface CordonResult {
  readonly node: StoredObject<Node>;
  /** Whether `spec.unschedulable` changed. */
  readonly changed: boolean;
  /** `node/node-1 cordoned`, `node/node-1 already cordoned`, `node/node-1 uncordoned` … */
  readonly message: string;
}

async function setUnschedulable(client: Client, name: string, unschedulable: boolean): Promise<CordonResult> {
  const current = await client.get<'Node', Node>('Node', name);
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  if ((current.spec?.unschedulable === true) === unschedulable) return { node: current, changed: false, message: `node/${name} already ${verb}` };
  // kubectl writes only spec.unschedulable; the node lifecycle controller adds or removes the unschedulable taint.
  const node = await client.patch<'Node', Node>('Node', name, { spec: { unschedulable: unschedulable ? true : null } }, { type: 'merge' });
  return { node, changed: true, message: `node/${name} ${verb}` };
}

/**
 * `kubectl cordon`: marks the node unschedulable (`spec.unschedulable: true`); the node lifecycle
 * controller then adds the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 * @public
 */
export function cordon(client: Client, node: string): Promise<CordonResult> {
  return setUnschedulable(client, node, true);
}

/** `kubectl uncordon`: makes the node schedulable again. @public */
export function uncordon(client: Client, node: string): Promise<CordonResult> {
  return setUnschedulable(client, node, false);
}

/** Options of {@link drain} (kubectl drain's flags). */
export interface DrainOptions {
  /** The cluster clock: retries after a 429 wait 5 s of it, and waiting for deletion polls it every second. */
  readonly clock: Clock;
  /** `--ignore-daemonsets`: leave DaemonSet-managed pods in place instead of refusing. */
  readonly ignoreDaemonSets?: boolean;
  /** `--delete-emptydir-data`: evict pods with emptyDir volumes too. */
  readonly deleteEmptyDirData?: boolean;
  /** `--force`: evict pods that declare no controller too. */
  readonly force?: boolean;
  /** `--grace-period`: grace period of the evictions (default: each pod's own). */
  readonly gracePeriodSeconds?: number;
  /** `--timeout`: give up after this much cluster time (default: never). */
  readonly timeoutMs?: number;
  /** Wait until the evicted pods are gone, as kubectl does (default true). */
  readonly waitForDeletion?: boolean;
}

/** What {@link drain} did. */
export interface DrainResult {
  /** `namespace/name` of the pods evicted, in eviction order. */
  readonly evicted: readonly string[];
  /** What kubectl prints, line by line (`evicting pod default/web-1`, `pod/web-1 evicted`, `node/node-1 drained` …). */
  readonly log: readonly string[];
}

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

type Verdict = { readonly delete: boolean; readonly warning?: string; readonly error?: string };
const OK: Verdict = { delete: true };

const finished = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

// kubectl's filters (k8s.io/kubectl/pkg/drain/filters.go), in its order; the first that refuses wins, and
// otherwise the last verdict stands (so, as in kubectl, a later filter drops an earlier warning).
async function verdictOf(client: Client, pod: StoredObject<Pod>, o: DrainOptions): Promise<Verdict> {
  const ref = controllerOf(pod);
  const filters: (() => Promise<Verdict> | Verdict)[] = [
    async () => {
      if (ref?.kind !== 'DaemonSet' || finished(pod)) return OK;
      try {
        await client.get('DaemonSet', ref.name, { namespace: pod.metadata.namespace ?? 'default' });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return isNotFound(e) && o.force === true ? { delete: true, warning: message } : { delete: false, error: message };
      }
      return o.ignoreDaemonSets === true ? { delete: false, warning: DAEMONSET_WARNING } : { delete: false, error: DAEMONSET_FATAL };
    },
    () => (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined ? { delete: false } : OK),
    () => {
      if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined) || finished(pod)) return OK;
      return o.deleteEmptyDirData === true ? { delete: true, warning: LOCAL_STORAGE_WARNING } : { delete: false, error: LOCAL_STORAGE_FATAL };
    },
    () => {
      if (finished(pod) || ref !== undefined) return OK;
      return o.force === true ? { delete: true, warning: UNMANAGED_WARNING } : { delete: false, error: UNMANAGED_FATAL };
    },
  ];
  let verdict = OK;
  for (const f of filters) {
    verdict = await f();
    if (!verdict.delete) break;
  }
  return verdict;
}

// Messages with the pods they concern, in kubectl's filter order (other messages, such as a missing DaemonSet, first).
const ORDER = [DAEMONSET_FATAL, DAEMONSET_WARNING, LOCAL_STORAGE_FATAL, LOCAL_STORAGE_WARNING, UNMANAGED_FATAL, UNMANAGED_WARNING];
function grouped(entries: readonly [string, string][], format: (msg: string, pods: string) => string): string[] {
  const by = new Map<string, string[]>();
  for (const [msg, pod] of entries) by.set(msg, [...(by.get(msg) ?? []), pod]);
  return [...by].sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b)).map(([msg, pods]) => format(msg, pods.join(', ')));
}

/**
 * `kubectl drain`: cordons the node, then evicts its pods through the eviction subresource, so
 * PodDisruptionBudgets are respected (a 429 is retried every 5 s of cluster time until it passes
 * or the timeout). Mirror pods are skipped; DaemonSet pods are skipped with `ignoreDaemonSets` and
 * refused without it; pods with emptyDir volumes need `deleteEmptyDirData` and pods with no
 * controller `force`. A refusal rejects with kubectl's message (`cannot delete Pods that declare no
 * controller (use --force to override): default/x`) before anything is evicted; the node stays
 * cordoned. With `waitForDeletion` (the default) it resolves once every evicted pod is gone.
 * @public
 */
export async function drain(client: Client, node: string, options: DrainOptions): Promise<DrainResult> {
  const { clock } = options;
  const log: string[] = [];
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : clock.now() + options.timeoutMs;
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => void clock.setTimeout(resolve, ms));
  log.push((await cordon(client, node)).message);

  const pods = (await client.list<'Pod', Pod>('Pod', { fieldSelector: `spec.nodeName=${node}` })).items;
  const verdicts = await Promise.all(pods.map(async (pod) => [pod, await verdictOf(client, pod, options)] as const));
  const name = (p: Pod): string => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;
  const errors = grouped(
    verdicts.flatMap(([p, v]) => (v.error !== undefined ? [[v.error, name(p)] as [string, string]] : [])),
    (msg, list) => `${msg.toLowerCase().startsWith('cannot delete') ? msg : `cannot delete ${msg}`}: ${list}`,
  );
  if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  const warnings = grouped(verdicts.flatMap(([p, v]) => (v.warning !== undefined ? [[v.warning, name(p)] as [string, string]] : [])), (msg, list) => `${msg}: ${list}`);
  if (warnings.length > 0) log.push(`Warning: ${warnings.join('; ')}`);

  const evicted: string[] = [];
  const evictOne = async (pod: StoredObject<Pod>): Promise<void> => {
    const ns = pod.metadata.namespace ?? 'default';
    const podName = pod.metadata.name;
    for (;;) {
      if (clock.now() >= deadline) throw new Error(`error when evicting pods/"${podName}" -n "${ns}": global timeout reached: ${(options.timeoutMs ?? 0) / 1000}s`);
      log.push(`evicting pod ${ns}/${podName}`);
      try {
        await client.evict(ns, podName, options.gracePeriodSeconds !== undefined && options.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: options.gracePeriodSeconds } : {});
        break;
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isStatusError(e, 'TooManyRequests')) throw new Error(`error when evicting pods/"${podName}" -n "${ns}": ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        log.push(`error when evicting pods/"${podName}" -n "${ns}" (will retry after 5s): ${e.message}`);
        await sleep(5000);
      }
    }
    evicted.push(`${ns}/${podName}`);
    if (options.waitForDeletion === false) return;
    for (;;) {
      try {
        const live = await client.get<'Pod', Pod>('Pod', podName, { namespace: ns });
        if (live.metadata.uid !== pod.metadata.uid) break;
      } catch (e) {
        if (isNotFound(e)) break;
        throw e;
      }
      if (clock.now() >= deadline) throw new Error(`error when waiting for pod "${podName}" in namespace "${ns}" to terminate: timed out waiting for the condition`);
      await sleep(1000);
    }
    log.push(`pod/${podName} evicted`);
  };
  const outcomes = await Promise.allSettled(verdicts.filter(([, v]) => v.delete).map(([p]) => evictOne(p)));
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason instanceof Error ? o.reason.message : String(o.reason)] : []));
  if (failures.length > 0) throw new Error(failures.length === 1 ? failures[0] : `[${failures.join(', ')}]`);
  log.push(`node/${node} drained`);
  return { evicted, log };
}
