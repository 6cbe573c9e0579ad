import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { RuntimeClass } from 'kubernetes-types/node/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { humanDuration } from './humanDuration.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

/** `kubectl get leases`: NAME HOLDER AGE. @public */
export const leasePrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Holder', 'string', FIELD_DOCS.leaseHolder), AGE_COLUMN],
  row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), (obj as Lease).spec?.holderIdentity ?? '', ageOf(obj, now)],
};

/** `kubectl get priorityclasses`: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. @public */
export const priorityClassPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Value', 'integer', FIELD_DOCS.pcValue),
    col('Global-Default', 'boolean', FIELD_DOCS.pcGlobalDefault),
    AGE_COLUMN,
    col('PreemptionPolicy', 'string', FIELD_DOCS.pcPreemptionPolicy),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const pc = obj as PriorityClass;
    return [nameOf(obj), pc.value, pc.globalDefault ?? false, ageOf(obj, now), pc.preemptionPolicy ?? ''];
  },
};

/** `kubectl get runtimeclasses`: NAME HANDLER AGE. @public */
export const runtimeClassPrinter: KindPrinter = {
  // Upstream looks the HANDLER description up in ObjectMeta's docs, where it does not exist: it is empty.
  columns: [NAME_COLUMN, col('Handler', 'string', ''), AGE_COLUMN],
  row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), (obj as RuntimeClass).handler, ageOf(obj, now)],
};

/** `kubectl get mutatingwebhookconfigurations` / `validatingwebhookconfigurations`: NAME WEBHOOKS AGE. @public */
export const webhookConfigurationPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'), AGE_COLUMN],
  row(obj: KubeObject, now: number): TableCell[] {
    const webhooks = (obj as KubeObject & { webhooks?: unknown[] }).webhooks ?? [];
    return [nameOf(obj), webhooks.length, ageOf(obj, now)];
  },
};

/** `kubectl get apiservices` (kube-aggregator's printer): NAME SERVICE AVAILABLE AGE. @public */
export const apiServicePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    col('Available', 'string', 'Whether this service is available.'),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    interface ApiService {
      spec?: { service?: { namespace?: string; name?: string } | null };
      status?: { conditions?: { type: string; status: string; reason?: string }[] };
    }
    const svc = (obj as KubeObject & ApiService).spec?.service;
    const service = svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
    const available = (obj as KubeObject & ApiService).status?.conditions?.find((c) => c.type === 'Available');
    let status = 'Unknown';
    if (available !== undefined) status = available.status !== 'True' && available.reason ? `${available.status} (${available.reason})` : available.status;
    return [nameOf(obj), service, status, ageOf(obj, now)];
  },
};

function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if ((csr.status?.certificate ?? '').length > 0) status += ',Issued';
  return status;
}

/** `kubectl get csr`: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION. @public */
export const certificateSigningRequestPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    col('SignerName', 'string', FIELD_DOCS.csrSignerName),
    col('Requestor', 'string', FIELD_DOCS.csrRequest),
    col('RequestedDuration', 'string', FIELD_DOCS.csrExpirationSeconds),
    col('Condition', 'string', FIELD_DOCS.csrConditions),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const csr = obj as CertificateSigningRequest;
    const spec = csr.spec ?? {};
    const seconds = spec.expirationSeconds;
    const duration = seconds === undefined ? '<none>' : humanDuration(seconds * 1000);
    return [nameOf(obj), ageOf(obj, now), spec.signerName || '<none>', spec.username ?? '', duration, csrCondition(csr)];
  },
};
