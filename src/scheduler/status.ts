// Plugin result codes (upstream framework.Status).

/**
 * Status codes: `Unschedulable` may be fixed by preemption, `UnschedulableAndUnresolvable` may not;
 * `Skip` from PreFilter/PreScore skips the plugin's Filter/Score for this cycle; `Wait` from Permit.
 * @public
 */
export type StatusCode = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip';

/**
 * A plugin result with its reasons and (once the framework records it) the plugin that produced it.
 * @public
 */
export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  readonly plugin?: string;
}

/** The success status. */
export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) });

/** An `Unschedulable` status (preemption may help). */
export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

/** An `UnschedulableAndUnresolvable` status (preemption cannot help). */
export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

/** An `Error` status. */
export function errorStatus(message: string): Status {
  return { code: 'Error', reasons: [message] };
}

/** A `Skip` status. */
export function skip(): Status {
  return { code: 'Skip', reasons: [] };
}

/** A copy of `s` attributed to `plugin`. */
export function withPlugin(s: Status, plugin: string): Status {
  return { ...s, plugin };
}

/** `undefined` counts as success, as a nil `*Status` does upstream. */
export function isSuccess(s: Status | undefined): boolean {
  return s === undefined || s.code === 'Success';
}

/** Unschedulable or UnschedulableAndUnresolvable. */
export function isRejected(s: Status | undefined): boolean {
  return s !== undefined && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable');
}

/** The reasons joined with `, ` (upstream `Status.Message`). */
export function statusMessage(s: Status | undefined): string {
  return s === undefined ? '' : s.reasons.join(', ');
}
