// Reserve/Unreserve and Permit extension points (upstream frameworkImpl.RunReservePlugins* and
// RunPermitPlugins).
import type { Pod } from 'kubernetes-types/core/v1.js';
import { pluginsWith, type CycleContext, type Profile } from './framework.ts';
import type { SchedulingDecision } from './schedulingDecision.ts';
import { errorStatus, isRejected, isSuccess, statusMessage, SUCCESS, withPlugin, type Status } from './status.ts';

/** Runs Unreserve of every Reserve plugin, in reverse order (upstream `RunReservePluginsUnreserve`). */
export function runUnreservePlugins(profile: Profile, ctx: CycleContext, pod: Pod, nodeName: string): void {
  const plugins = pluginsWith(profile, 'unreserve');
  for (let i = plugins.length - 1; i >= 0; i--) plugins[i]?.plugin.unreserve(ctx, pod, nodeName);
}

/** Runs Reserve plugins; on the first failure runs every Unreserve and returns the failure. */
export function runReservePlugins(profile: Profile, ctx: CycleContext, pod: Pod, nodeName: string, decision?: SchedulingDecision): Status {
  for (const { plugin } of pluginsWith(profile, 'reserve')) {
    const s = plugin.reserve(ctx, pod, nodeName);
    if (decision !== undefined) decision.reserve[plugin.name] = isSuccess(s) ? 'success' : statusMessage(s);
    if (s === undefined || isSuccess(s)) continue;
    runUnreservePlugins(profile, ctx, pod, nodeName);
    const status = isRejected(s) ? s : errorStatus(`running Reserve plugin "${plugin.name}": ${statusMessage(s)}`);
    return withPlugin(status, plugin.name);
  }
  return SUCCESS;
}

/**
 * Runs Permit plugins: a rejection or error stops (after Unreserve); Wait answers are collected and
 * the longest timeout is returned with a `Wait` status (the caller holds the pod until allowed).
 */
export function runPermitPlugins(
  profile: Profile,
  ctx: CycleContext,
  pod: Pod,
  nodeName: string,
  decision?: SchedulingDecision,
): { readonly status: Status; readonly waitMs?: number } {
  let waitMs: number | undefined;
  for (const { plugin } of pluginsWith(profile, 'permit')) {
    const { status: s, timeoutMs } = plugin.permit(ctx, pod, nodeName);
    if (s.code === 'Wait') {
      const ms = timeoutMs ?? 0;
      waitMs = waitMs === undefined ? ms : Math.max(waitMs, ms);
      if (decision !== undefined) {
        decision.permit[plugin.name] = 'wait';
        decision.permitTimeout[plugin.name] = `${ms / 1000}s`;
      }
      continue;
    }
    if (decision !== undefined) decision.permit[plugin.name] = isSuccess(s) ? 'success' : statusMessage(s);
    if (isSuccess(s)) continue;
    runUnreservePlugins(profile, ctx, pod, nodeName);
    const status = isRejected(s) ? s : errorStatus(`running Permit plugin "${plugin.name}": ${statusMessage(s)}`);
    return { status: withPlugin(status, plugin.name) };
  }
  return waitMs === undefined ? { status: SUCCESS } : { status: { code: 'Wait', reasons: [] }, waitMs };
}
