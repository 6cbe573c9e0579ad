import type { ProbeConfig, ProbeKind } from './containerConfig.ts';
import type { ContainerRecord, ProbeState } from './containerRecord.ts';
import { scheduleSettlesAt, scheduleValueAt } from './timeSchedule.ts';
import type { TimeSchedule } from './timeSchedule.ts';
import type { ProbeAnswer, WorkloadBehavior } from './workloadTypes.ts';

const KIND_LABEL: Record<ProbeKind, string> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' };

/** Kubelet's rule for HTTP probes: success when 200 <= status < 400. */
export function httpStatusOk(status: number): boolean {
  return status >= 200 && status < 400;
}

function answerOk(a: ProbeAnswer | boolean): boolean {
  if (typeof a === 'boolean') return a;
  return a.status !== undefined ? httpStatusOk(a.status) : a.ok !== false;
}

/** What a probe of `kind` gets from the app over time: an explicit script, else the app's readiness or HTTP status. */
export function probeSchedule(behavior: WorkloadBehavior, kind: ProbeKind, probe: ProbeConfig): TimeSchedule<ProbeAnswer | boolean> {
  const explicit = behavior.probes[kind];
  if (explicit !== undefined) return explicit;
  if (kind === 'readiness') return behavior.readiness;
  return { steps: [{ atMs: 0, value: probe.handler === 'httpGet' ? { status: behavior.http.status } : { ok: true } }] };
}

/** The probe result at `sinceStartMs`, with kubelet's failure message. */
export function probeAnswerAt(behavior: WorkloadBehavior, kind: ProbeKind, probe: ProbeConfig, sinceStartMs: number): { ok: boolean; message: string } {
  const a = scheduleValueAt(probeSchedule(behavior, kind, probe), sinceStartMs);
  const ok = answerOk(a);
  if (ok) return { ok, message: '' };
  if (typeof a !== 'boolean' && a.status !== undefined) return { ok, message: `HTTP probe failed with statuscode: ${a.status}` };
  const detail = probe.handler === 'httpGet' ? 'HTTP probe failed' : probe.handler === 'tcpSocket' ? 'dial tcp: connect: connection refused' : probe.handler === 'grpc' ? 'service unhealthy' : 'command failed';
  return { ok, message: detail };
}

/** The `Unhealthy` event message: `Liveness probe failed: HTTP probe failed with statuscode: 500`. */
export function unhealthyMessage(kind: ProbeKind, detail: string): string {
  return `${KIND_LABEL[kind]} probe failed: ${detail}`;
}

/** The first probe time at or after `now`: `startedAt + initialDelay + k·period`. */
export function firstProbeAt(probe: ProbeConfig, startedAt: number, now: number): number {
  const base = startedAt + probe.initialDelayMs;
  if (now <= base) return base;
  return base + Math.ceil((now - base) / probe.periodMs) * probe.periodMs;
}

/** Counts one result: consecutive successes and failures, the next probe one period later. */
export function countResult(state: ProbeState, ok: boolean, periodMs: number): ProbeState {
  return ok ? { ok: state.ok + 1, fail: 0, next: state.next + periodMs } : { ok: 0, fail: state.fail + 1, next: state.next + periodMs };
}

/** Whether the counts reach the success threshold (readiness turns true, startup passes). */
export function reachedSuccess(state: ProbeState | undefined, probe: ProbeConfig | undefined): boolean {
  return state !== undefined && probe !== undefined && state.ok >= probe.successThreshold;
}

/** Whether the counts reach the failure threshold (readiness turns false, liveness and startup kill). */
export function reachedFailure(state: ProbeState | undefined, probe: ProbeConfig | undefined): boolean {
  return state !== undefined && probe !== undefined && state.fail >= probe.failureThreshold;
}

/**
 * Whether further probes of `kind` cannot change anything, so the machine stops probing: the app's
 * answers never change again after now, and the counts already agree with them (no failure pending
 * for liveness; readiness already at the value the answers hold it to, with no opposite count).
 */
export function probeIsSteady(record: ContainerRecord, kind: ProbeKind, now: number): boolean {
  const probe = record.config.probes[kind];
  const state = record.probes[kind];
  if (probe === undefined || state === undefined || record.startedAt === undefined || kind === 'startup') return false;
  const schedule = probeSchedule(record.behavior, kind, probe);
  const settles = scheduleSettlesAt(schedule, (a, b) => answerOk(a) === answerOk(b));
  const since = now - record.startedAt;
  if (settles === undefined || settles > since) return false;
  const ok = answerOk(scheduleValueAt(schedule, since));
  if (kind === 'liveness') return ok && state.fail === 0;
  return ok ? record.ready && state.fail === 0 : !record.ready && state.ok === 0;
}
