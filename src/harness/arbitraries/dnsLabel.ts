import type fc from 'fast-check';
import { regexString } from './regexString.ts';

/** Length bounds of a generated name. */
export interface NameLengthOptions {
  /** Longest name generated (default and upper bound: the format's limit). */
  readonly maxLength?: number;
}

function bounded(maxLength: number | undefined, limit: number): number {
  const max = Math.min(maxLength ?? limit, limit);
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxLength must be an integer between 1 and ${limit}, got ${String(maxLength)}`);
  return max;
}

/**
 * RFC 1123 labels as kube-apiserver accepts them (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63
 * characters): namespace, container and port names.
 * @example
 * fc.assert(fc.property(dnsLabel(), (name) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)));
 * @public
 */
export function dnsLabel(options: NameLengthOptions = {}): fc.Arbitrary<string> {
  const maxLength = bounded(options.maxLength, 63);
  return regexString(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, maxLength);
}

/**
 * RFC 1035 labels (`[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters): the names Services must have.
 * @example
 * const serviceName = dns1035Label({ maxLength: 15 });
 * @public
 */
export function dns1035Label(options: NameLengthOptions = {}): fc.Arbitrary<string> {
  const maxLength = bounded(options.maxLength, 63);
  return regexString(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, maxLength);
}
