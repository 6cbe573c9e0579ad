// Upstream probe, lifecycle and handler validation (pkg/apis/core/validation).
import type { Lifecycle, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { arr, nonNegative, portNumErrors, validatePortNumOrName } from './validationUtils.ts';

type Handler = Partial<Pick<Probe & LifecycleHandler, 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep'>>;
const HANDLER_KINDS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

function validateHandlerBody(kind: (typeof HANDLER_KINDS)[number], h: Handler, path: string): FieldError[] {
  switch (kind) {
    case 'exec':
      return arr(h.exec?.command).length === 0 ? [fieldError.required(`${path}.command`)] : [];
    case 'httpGet': {
      const errs: FieldError[] = [];
      const g = h.httpGet;
      if (!g?.path) errs.push(fieldError.required(`${path}.path`));
      errs.push(...validatePortNumOrName(g?.port, `${path}.port`));
      const scheme = g?.scheme ?? '';
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldError.notSupported(`${path}.scheme`, scheme, ['HTTP', 'HTTPS']));
      return errs;
    }
    case 'tcpSocket':
      return validatePortNumOrName(h.tcpSocket?.port, `${path}.port`);
    case 'grpc': {
      const port = h.grpc?.port ?? 0;
      return portNumErrors(port).map((m) => fieldError.invalid(`${path}.port`, port, m));
    }
    case 'sleep': {
      const s = h.sleep?.seconds ?? 0;
      return s < 0 ? [fieldError.invalid(`${path}.seconds`, s, 'must be non-negative')] : [];
    }
  }
}

/** Upstream `validateHandler`: exactly one of exec, httpGet, tcpSocket, grpc, sleep. */
export function validateHandler(h: Handler, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of HANDLER_KINDS) {
    if (h[kind] == null) continue;
    if (n > 0) {
      errs.push(fieldError.forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
    } else {
      n++;
      errs.push(...validateHandlerBody(kind, h, `${path}.${kind}`));
    }
  }
  if (n === 0) errs.push(fieldError.required(path, 'must specify a handler type'));
  return errs;
}

/** Upstream `validateProbe`: one handler, non-negative timings, a positive probe grace period. */
export function validateProbe(probe: Probe | undefined, path: string): FieldError[] {
  if (probe == null) return [];
  const errs = validateHandler(probe, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...nonNegative(probe[f], `${path}.${f}`));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (grace != null && grace <= 0) errs.push(fieldError.invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'));
  return errs;
}

/** Liveness and startup probes: also `successThreshold` must be 1. */
export function validateLivenessProbe(probe: Probe | undefined, path: string): FieldError[] {
  if (probe == null) return [];
  const errs = validateProbe(probe, path);
  if (probe.successThreshold !== 1) errs.push(fieldError.invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

/** Readiness probes: no `terminationGracePeriodSeconds`. */
export function validateReadinessProbe(probe: Probe | undefined, path: string): FieldError[] {
  if (probe == null) return [];
  const errs = validateProbe(probe, path);
  if (probe.terminationGracePeriodSeconds != null) {
    errs.push(fieldError.invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

/** Upstream `validateLifecycle`: postStart and preStop handlers. */
export function validateLifecycle(lifecycle: Lifecycle | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (lifecycle?.postStart != null) errs.push(...validateHandler(lifecycle.postStart, `${path}.postStart`));
  if (lifecycle?.preStop != null) errs.push(...validateHandler(lifecycle.preStop, `${path}.preStop`));
  return errs;
}
