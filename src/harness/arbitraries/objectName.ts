import type fc from 'fast-check';
import { dns1035Label, dnsLabel } from './dnsLabel.ts';
import { dnsSubdomain } from './dnsSubdomain.ts';

// Kinds whose names kube-apiserver checks with something stricter than a DNS subdomain.
const LABEL_NAMED = new Set(['Namespace', 'StatefulSet']);
const DNS1035_NAMED = new Set(['Service']);

/**
 * Names kube-apiserver accepts for an object of `kind`: RFC 1035 labels for Services, RFC 1123
 * labels for Namespaces and StatefulSets, at most 52 characters for CronJobs (the controller appends
 * a suffix), RFC 1123 subdomains for everything else (custom resources included).
 * @example
 * fc.assert(fc.property(objectName('Service'), (name) => /^[a-z]/.test(name)));
 * @public
 */
export function objectName(kind: string): fc.Arbitrary<string> {
  if (DNS1035_NAMED.has(kind)) return dns1035Label();
  if (LABEL_NAMED.has(kind)) return dnsLabel();
  if (kind === 'CronJob') return dnsSubdomain({ maxLength: 52 });
  return dnsSubdomain();
}
