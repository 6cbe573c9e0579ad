import fc from 'fast-check';
import { dnsLabel, type NameLengthOptions } from './dnsLabel.ts';

/**
 * RFC 1123 subdomains (dot-separated RFC 1123 labels, at most 253 characters): the names of most
 * objects, label-key prefixes, hostnames.
 * @example
 * fc.assert(fc.property(dnsSubdomain(), (name) => name.length <= 253));
 * @public
 */
export function dnsSubdomain(options: NameLengthOptions = {}): fc.Arbitrary<string> {
  const maxLength = Math.min(options.maxLength ?? 253, 253);
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be an integer between 1 and 253, got ${String(options.maxLength)}`);
  return fc
    .array(dnsLabel({ maxLength: Math.min(63, maxLength) }), { minLength: 1, maxLength: 4 })
    .map((labels) => labels.join('.'))
    .filter((name) => name.length <= maxLength);
}
