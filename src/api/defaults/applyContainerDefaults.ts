import type { Container, EnvVar, EphemeralContainer, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.js';
import { defaultImagePullPolicy } from './imagePullPolicy.ts';

// These helpers mutate an immer draft; the public defaulters wrap them in `produce`.

/** `SetDefaults_HTTPGetAction`: path `/`, scheme `HTTP`. */
function applyHandlerDefaults(h: { httpGet?: { path?: string; scheme?: string } } | undefined): void {
  if (h?.httpGet === undefined) return;
  if (!h.httpGet.path) h.httpGet.path = '/';
  if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
}

/** `SetDefaults_Probe` plus its handler's defaults. */
export function applyProbeDefaults(p: Probe | undefined): void {
  if (p === undefined || p === null) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  applyHandlerDefaults(p);
}

/** `SetDefaults_ObjectFieldSelector`: a field reference's apiVersion is `v1`. */
export function applyFieldRefDefaults(ref: { apiVersion?: string } | undefined): void {
  if (ref !== undefined && ref !== null && !ref.apiVersion) ref.apiVersion = 'v1';
}

function applyEnvDefaults(env: EnvVar[] | undefined): void {
  for (const e of env ?? []) applyFieldRefDefaults(e.valueFrom?.fieldRef);
}

/**
 * `SetDefaults_Container` and the defaults of what a container holds: pull policy from the image tag,
 * termination message path and policy, port protocol `TCP`, probe and lifecycle-handler defaults.
 */
export function applyContainerDefaults(c: Container | EphemeralContainer): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultImagePullPolicy(c.image ?? '');
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of c.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
  }
  applyProbeDefaults(c.livenessProbe);
  applyProbeDefaults(c.readinessProbe);
  applyProbeDefaults(c.startupProbe);
  const lifecycle: { postStart?: LifecycleHandler; preStop?: LifecycleHandler } | undefined = c.lifecycle;
  applyHandlerDefaults(lifecycle?.postStart);
  applyHandlerDefaults(lifecycle?.preStop);
  applyEnvDefaults(c.env);
}

/**
 * `SetDefaults_Pod`'s container part (Pods only, not templates): a resource with a limit and no request
 * gets the limit as its request.
 */
export function applyRequestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (limits === undefined || limits === null || c.resources === undefined) return;
  const keys = Object.keys(limits);
  if (keys.length === 0) return;
  const requests = (c.resources.requests ??= {});
  for (const k of keys) {
    if (!(k in requests)) requests[k] = limits[k] as string;
  }
}
