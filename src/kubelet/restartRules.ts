/** A pod's (or a container's effective) restart policy. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** Kubelet's container restart back-off: 10 s, doubling (`backOffPeriod`, pkg/kubelet/kubelet.go). */
export const CRASH_BACKOFF_INITIAL_MS = 10_000;
/** Kubelet's `MaxContainerBackOff`: 300 s. */
export const CRASH_BACKOFF_MAX_MS = 300_000;
/** Kubelet's image pull back-off uses the same bounds (`imageBackOff`). */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;

/**
 * One entry of client-go's `flowcontrol.Backoff` (no jitter, as the kubelet creates it):
 * the current back-off and when it was last moved on.
 */
export interface BackOffEntry {
  readonly ms: number;
  readonly updatedAt: number;
}

// `hasExpired`: an entry not moved on for more than twice the maximum starts again from the initial back-off.
function hasExpired(entry: BackOffEntry, eventTime: number, maxMs: number): boolean {
  return eventTime - entry.updatedAt > 2 * maxMs;
}

/**
 * client-go `Backoff.IsInBackOffSince(id, eventTime)`: whether `now` is still inside the back-off
 * window that starts at `eventTime` (for a container, its last `finishedAt`).
 */
export function isInBackOffSince(entry: BackOffEntry | undefined, eventTime: number, now: number, maxMs = CRASH_BACKOFF_MAX_MS): boolean {
  if (entry === undefined || hasExpired(entry, eventTime, maxMs)) return false;
  return now - eventTime < entry.ms;
}

/** client-go `Backoff.Next(id, eventTime)`: starts the entry at `initialMs` or doubles it up to `maxMs`. */
export function nextBackOff(entry: BackOffEntry | undefined, eventTime: number, now: number, initialMs = CRASH_BACKOFF_INITIAL_MS, maxMs = CRASH_BACKOFF_MAX_MS): BackOffEntry {
  if (entry === undefined || hasExpired(entry, eventTime, maxMs)) return { ms: initialMs, updatedAt: now };
  return { ms: Math.min(entry.ms * 2, maxMs), updatedAt: now };
}

/**
 * Whether a container that exited with `exitCode` is started again under `policy`
 * (seeds 4.20–4.22): `Always` always, `OnFailure` after a non-zero exit, `Never` never.
 */
export function restartsAfterExit(policy: RestartPolicy, exitCode: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/**
 * The restart policy that applies to one container: app containers follow the pod; an init
 * container runs to success, so a pod's `Always` means `OnFailure` for it; an init container with
 * its own `restartPolicy: Always` is a sidecar and is always restarted.
 */
export function effectiveRestartPolicy(pod: RestartPolicy, kind: 'init' | 'sidecar' | 'app'): RestartPolicy {
  if (kind === 'sidecar') return 'Always';
  if (kind === 'init' && pod === 'Always') return 'OnFailure';
  return pod;
}
