// The binding cycle's extension points (upstream frameworkImpl.RunPreBindPlugins / RunBindPlugins),
// pure: Bind returns the Binding object the caller posts to `pods/{name}/binding`.
import type { Binding, Pod } from 'kubernetes-types/core/v1.js';
import { pluginsWith, type CycleContext, type Profile } from './framework.ts';
import type { SchedulingDecision } from './schedulingDecision.ts';
import { errorStatus, isSuccess, statusMessage, SUCCESS, withPlugin, type Status } from './status.ts';

/** Runs PreBind plugins; the first failure is returned (the caller then runs Unreserve). */
export function runPreBindPlugins(profile: Profile, ctx: CycleContext, pod: Pod, nodeName: string, decision?: SchedulingDecision): Status {
  for (const { plugin } of pluginsWith(profile, 'preBind')) {
    const s = plugin.preBind(ctx, pod, nodeName);
    if (decision !== undefined) decision.preBind[plugin.name] = isSuccess(s) ? 'success' : statusMessage(s);
    if (!isSuccess(s)) return withPlugin(errorStatus(`running PreBind plugin "${plugin.name}": ${statusMessage(s)}`), plugin.name);
  }
  return SUCCESS;
}

/**
 * Runs Bind plugins until one does not Skip (upstream `RunBindPlugins`); returns its status and the
 * Binding to create. With no binder that accepts, the status is Skip.
 */
export function runBindPlugins(
  profile: Profile,
  ctx: CycleContext,
  pod: Pod,
  nodeName: string,
  decision?: SchedulingDecision,
): { readonly status: Status; readonly binding?: Binding } {
  for (const { plugin } of pluginsWith(profile, 'bind')) {
    const out = plugin.bind(ctx, pod, nodeName);
    if (out.status.code === 'Skip') continue;
    if (decision !== undefined) decision.bind[plugin.name] = isSuccess(out.status) ? 'success' : statusMessage(out.status);
    if (!isSuccess(out.status)) return { status: withPlugin(errorStatus(`binding rejected: running Bind plugin "${plugin.name}": ${statusMessage(out.status)}`), plugin.name) };
    return out;
  }
  return { status: { code: 'Skip', reasons: [] } };
}
