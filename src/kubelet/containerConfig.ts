import type { Container, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.js';
import { defaultPullPolicy } from './imageRef.ts';
import { parseQuantity } from './quantity.ts';
import { effectiveRestartPolicy } from './restartRules.ts';
import type { RestartPolicy } from './restartRules.ts';
import { hookFromCommand } from './shellIdioms.ts';
import type { HookRun, WorkloadBehavior } from './workloadTypes.ts';

/** The three probe kinds, in the order the kubelet gates them. */
export type ProbeKind = 'startup' | 'readiness' | 'liveness';

/** A probe from the container spec with upstream defaults applied, in milliseconds. */
export interface ProbeConfig {
  readonly handler: 'httpGet' | 'exec' | 'tcpSocket' | 'grpc';
  readonly initialDelayMs: number;
  readonly periodMs: number;
  readonly timeoutMs: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
  /** The probe-level `terminationGracePeriodSeconds`, used when this probe kills the container. */
  readonly terminationGraceMs: number | undefined;
}

/** A lifecycle hook from the spec and how long it runs. */
export interface HookConfig {
  readonly handler: 'exec' | 'httpGet' | 'sleep' | 'tcpSocket';
  readonly run: HookRun;
}

/** What a container machine needs from the pod spec, read once when the pod actor starts. */
export interface ContainerConfig {
  readonly name: string;
  readonly kind: 'init' | 'sidecar' | 'app';
  readonly restartPolicy: RestartPolicy;
  readonly pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  readonly probes: { readonly startup?: ProbeConfig; readonly readiness?: ProbeConfig; readonly liveness?: ProbeConfig };
  readonly hooks: { readonly postStart?: HookConfig; readonly preStop?: HookConfig };
  readonly memoryLimitBytes: number | undefined;
  /** The pod's `terminationGracePeriodSeconds` (default 30) in ms. */
  readonly graceMs: number;
}

const NONE = Object.freeze({});

function probeConfig(p: Probe | undefined, singleSuccess: boolean): ProbeConfig | undefined {
  if (p === undefined) return undefined;
  const handler = p.httpGet !== undefined ? 'httpGet' : p.tcpSocket !== undefined ? 'tcpSocket' : p.grpc !== undefined ? 'grpc' : 'exec';
  return {
    handler,
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, p.periodSeconds ?? 10) * 1000,
    timeoutMs: Math.max(1, p.timeoutSeconds ?? 1) * 1000,
    // Liveness and startup probes must have successThreshold 1 (API validation).
    successThreshold: singleSuccess ? 1 : Math.max(1, p.successThreshold ?? 1),
    failureThreshold: Math.max(1, p.failureThreshold ?? 3),
    terminationGraceMs: p.terminationGracePeriodSeconds !== undefined ? p.terminationGracePeriodSeconds * 1000 : undefined,
  };
}

function hookConfig(h: LifecycleHandler | undefined, behavior: WorkloadBehavior): HookConfig | undefined {
  if (h === undefined) return undefined;
  if (h.exec !== undefined) return { handler: 'exec', run: hookFromCommand(h.exec.command) };
  if (h.sleep !== undefined) return { handler: 'sleep', run: { ms: h.sleep.seconds * 1000, exitCode: 0 } };
  if (h.httpGet !== undefined) {
    const ok = behavior.http.status >= 200 && behavior.http.status < 400;
    return { handler: 'httpGet', run: { ms: 0, exitCode: ok ? 0 : 1 } };
  }
  return { handler: 'tcpSocket', run: { ms: 0, exitCode: 0 } };
}

/**
 * Reads one container of a pod spec into a {@link ContainerConfig}: probes with upstream defaults
 * (delay 0, period 10 s, timeout 1 s, success 1, failure 3), hooks, memory limit, pull policy and
 * the restart policy that applies to it.
 */
export function containerConfig(c: Container, kind: 'init' | 'app', podPolicy: RestartPolicy, graceMs: number, behavior: WorkloadBehavior): ContainerConfig {
  const k = kind === 'init' && c.restartPolicy === 'Always' ? 'sidecar' : kind;
  const plainInit = k === 'init';
  const startup = plainInit ? undefined : probeConfig(c.startupProbe, true);
  const readiness = plainInit ? undefined : probeConfig(c.readinessProbe, false);
  const liveness = plainInit ? undefined : probeConfig(c.livenessProbe, true);
  const probes = startup === undefined && readiness === undefined && liveness === undefined
    ? NONE
    : { ...(startup && { startup }), ...(readiness && { readiness }), ...(liveness && { liveness }) };
  const postStart = hookConfig(c.lifecycle?.postStart, behavior);
  const preStop = hookConfig(c.lifecycle?.preStop, behavior);
  const hooks = postStart === undefined && preStop === undefined ? NONE : { ...(postStart && { postStart }), ...(preStop && { preStop }) };
  const pull = c.imagePullPolicy;
  return {
    name: c.name,
    kind: k,
    restartPolicy: effectiveRestartPolicy(podPolicy, k),
    pullPolicy: pull === 'Always' || pull === 'IfNotPresent' || pull === 'Never' ? pull : defaultPullPolicy(c.image ?? ''),
    probes,
    hooks,
    memoryLimitBytes: parseQuantity(c.resources?.limits?.['memory']),
    graceMs,
  };
}
