import { renderTemplate } from './simulatedLogs.ts';
import type { TemplateVars } from './simulatedLogs.ts';
import { scheduleValueAt } from './timeSchedule.ts';
import type { WorkloadBehavior } from './workloadTypes.ts';

/** What the app answers to an HTTP request (Service routing, `curl`): status and rendered body. @public */
export function httpAnswer(behavior: WorkloadBehavior, vars: TemplateVars): { status: number; body: string } {
  return { status: behavior.http.status, body: renderTemplate(behavior.http.body, vars) };
}

/** CPU (millicores) and memory (bytes) the container uses `sinceStartMs` after it started (for metrics, HPA, `top`). @public */
export function resourceUsageAt(behavior: WorkloadBehavior, sinceStartMs: number): { cpuMillis: number; memoryBytes: number } {
  return { cpuMillis: scheduleValueAt(behavior.cpuMillis, sinceStartMs), memoryBytes: scheduleValueAt(behavior.memoryBytes, sinceStartMs) };
}
