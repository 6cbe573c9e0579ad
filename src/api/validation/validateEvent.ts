// Upstream ValidateEventCreate / ValidateEventUpdate for core/v1 and events.k8s.io/v1 Events.
import type { Event as CoreEvent } from 'kubernetes-types/core/v1.js';
import type { Event as EventsEvent } from 'kubernetes-types/events/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { dns1123SubdomainErrors, qualifiedNameErrors } from '../names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { immutable } from './validationUtils.ts';

const LIMITS = { reportingInstance: 128, action: 128, reason: 128, note: 1024 } as const;

/** An Event in kube-apiserver's internal shape, which both API versions convert to. */
interface InternalEvent {
  namespace: string;
  involvedNamespace: string;
  eventTime: boolean;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  message: string;
}

function toInternal(e: CoreEvent | EventsEvent, events: boolean): InternalEvent {
  const c = e as CoreEvent;
  const v = e as EventsEvent;
  return {
    namespace: e.metadata?.namespace ?? '',
    involvedNamespace: (events ? v.regarding?.namespace : c.involvedObject?.namespace) ?? '',
    eventTime: Boolean(e.eventTime),
    // core/v1 spells it reportingComponent.
    reportingController: (events ? v.reportingController : c.reportingComponent) ?? '',
    reportingInstance: e.reportingInstance ?? '',
    action: e.action ?? '',
    reason: e.reason ?? '',
    message: (events ? v.note : c.message) ?? '',
  };
}

// Upstream legacyValidateEvent (messages name the internal fields, as upstream's do).
function legacyErrors(e: InternalEvent, controllerField: string): FieldError[] {
  const errs: FieldError[] = [];
  const mismatch = fieldError.invalid('involvedObject.namespace', e.involvedNamespace, 'does not match event.namespace');
  if (!e.eventTime) {
    if (!e.involvedNamespace ? e.namespace !== '' && e.namespace !== 'default' : e.namespace !== e.involvedNamespace) errs.push(mismatch);
  } else {
    if (!e.involvedNamespace && e.namespace !== 'default' && e.namespace !== 'kube-system') errs.push(mismatch);
    if (!e.reportingController) errs.push(fieldError.required(controllerField));
    errs.push(...qualifiedNameErrors(e.reportingController).map((m) => fieldError.invalid(controllerField, e.reportingController, m)));
    if (!e.reportingInstance) errs.push(fieldError.required('reportingInstance'));
    if (e.reportingInstance.length > LIMITS.reportingInstance) errs.push(fieldError.invalid('reportingInstance', '', `can have at most ${LIMITS.reportingInstance} characters`));
    if (!e.action) errs.push(fieldError.required('action'));
    if (e.action.length > LIMITS.action) errs.push(fieldError.invalid('action', '', `can have at most ${LIMITS.action} characters`));
    if (!e.reason) errs.push(fieldError.required('reason'));
    if (e.reason.length > LIMITS.reason) errs.push(fieldError.invalid('reason', '', `can have at most ${LIMITS.reason} characters`));
    if (e.message.length > LIMITS.note) errs.push(fieldError.invalid('message', '', `can have at most ${LIMITS.note} characters`));
  }
  errs.push(...dns1123SubdomainErrors(e.namespace).map((m) => fieldError.invalid('namespace', e.namespace, m)));
  return errs;
}

/** Upstream `ValidateEventCreate` for core/v1: the legacy rules only (core Events skip metadata validation). */
export function validateCoreEvent(e: CoreEvent): FieldError[] {
  return legacyErrors(toInternal(e, false), 'source');
}

/** Upstream `ValidateEventCreate` for events.k8s.io/v1: the legacy rules plus the strict ones. */
export function validateEventsEvent(e: EventsEvent): FieldError[] {
  const errs = [...legacyErrors(toInternal(e, true), 'reportingController'), ...validateObjectMeta(e.metadata, true)];
  if (!e.eventTime) errs.push(fieldError.required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(fieldError.invalid('type', '', `has invalid value: ${e.type ?? ''}`));
  if (e.deprecatedFirstTimestamp) errs.push(fieldError.invalid('firstTimestamp', '', 'needs to be unset'));
  if (e.deprecatedLastTimestamp) errs.push(fieldError.invalid('lastTimestamp', '', 'needs to be unset'));
  if (e.deprecatedCount) errs.push(fieldError.invalid('count', '', 'needs to be unset'));
  if (e.deprecatedSource?.component || e.deprecatedSource?.host) errs.push(fieldError.invalid('source', '', 'needs to be unset'));
  return errs;
}

/** Upstream `ValidateEventUpdate` for core/v1: the legacy rules only, for backwards compatibility. */
export function validateCoreEventUpdate(e: CoreEvent): FieldError[] {
  return validateCoreEvent(e);
}

const EVENTS_IMMUTABLE = [
  ['regarding', 'involvedObject'], ['reason', 'reason'], ['note', 'message'], ['deprecatedSource', 'source'], ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'], ['deprecatedCount', 'count'], ['type', 'type'], ['eventTime', 'eventTime'], ['action', 'action'],
  ['related', 'related'], ['reportingController', 'reportingController'], ['reportingInstance', 'reportingInstance'],
] as const;

/** Upstream `ValidateEventUpdate` for events.k8s.io/v1: legacy rules, metadata update, and everything but the series immutable. */
export function validateEventsEventUpdate(e: EventsEvent, old: EventsEvent): FieldError[] {
  const errs = [...legacyErrors(toInternal(e, true), 'reportingController'), ...validateObjectMetaUpdate(e.metadata, old.metadata)];
  for (const [field, internal] of EVENTS_IMMUTABLE) errs.push(...immutable(e[field], old[field], internal));
  return errs;
}
