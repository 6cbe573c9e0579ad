import type { Ingress, IngressClass, IngressRule, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import { formatLabelSelectorSpec } from '../api/labelSelector.ts';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { loadBalancerText } from './serviceColumns.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

/** The HOSTS cell: up to three rule hosts, ` + N more...` counted over all rules, `*` when none (upstream `formatHosts`). */
export function formatHosts(rules: readonly IngressRule[] | undefined): string {
  const all = rules ?? [];
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of all) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const text = list.join(',');
  return more ? `${text} + ${all.length - max} more...` : text;
}

/** `kubectl get ingress`: NAME CLASS HOSTS ADDRESS PORTS AGE. @public */
export const ingressPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const ing = obj as Ingress;
    const ports = (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80';
    return [nameOf(obj), ing.spec?.ingressClassName ?? '<none>', formatHosts(ing.spec?.rules), loadBalancerText(ing.status?.loadBalancer?.ingress), ports, ageOf(obj, now)];
  },
};

/** `kubectl get ingressclasses`: NAME CONTROLLER PARAMETERS AGE. @public */
export const ingressClassPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const ic = obj as IngressClass;
    const p = ic.spec?.parameters;
    const parameters = p === undefined ? '<none>' : `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name}`;
    return [nameOf(obj), ic.spec?.controller ?? '', parameters, ageOf(obj, now)];
  },
};

/** `kubectl get networkpolicies`: NAME POD-SELECTOR AGE. @public */
export const networkPolicyPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Pod-Selector', 'string', FIELD_DOCS.netpolPodSelector), AGE_COLUMN],
  row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), formatLabelSelectorSpec((obj as NetworkPolicy).spec?.podSelector ?? {}), ageOf(obj, now)],
};
