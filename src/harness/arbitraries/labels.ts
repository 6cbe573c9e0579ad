import fc from 'fast-check';
import { dnsSubdomain } from './dnsSubdomain.ts';
import { regexString } from './regexString.ts';

// The name part of a qualified name and a non-empty label value share this syntax (≤ 63 characters).
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Label (and annotation) keys: an optional DNS-subdomain prefix and `/`, then a name of at most 63
 * alphanumerics, `-`, `_` and `.` that starts and ends alphanumeric (`app`, `example.com/team`).
 * @example
 * fc.assert(fc.property(labelKey(), (key) => key.split('/').length <= 2));
 * @public
 */
export function labelKey(): fc.Arbitrary<string> {
  const name = regexString(QUALIFIED_NAME, 63);
  return fc.oneof(
    { arbitrary: name, weight: 3 },
    { arbitrary: fc.tuple(dnsSubdomain({ maxLength: 60 }), name).map(([prefix, n]) => `${prefix}/${n}`), weight: 1 },
  );
}

/**
 * Label values: empty, or at most 63 alphanumerics, `-`, `_` and `.` starting and ending alphanumeric.
 * @example
 * fc.assert(fc.property(labelValue(), (value) => value.length <= 63));
 * @public
 */
export function labelValue(): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: regexString(QUALIFIED_NAME, 63), weight: 6 }, { arbitrary: fc.constant(''), weight: 1 });
}

/** Size bounds of a generated label map. */
export interface LabelsOptions {
  /** Fewest labels (default 0). */
  readonly minKeys?: number;
  /** Most labels (default 4). */
  readonly maxKeys?: number;
}

/**
 * Label maps kube-apiserver accepts (`metadata.labels`, `nodeSelector`, a Service's selector).
 * @example
 * fc.assert(fc.property(labels({ minKeys: 1 }), (l) => Object.keys(l).length >= 1));
 * @public
 */
export function labels(options: LabelsOptions = {}): fc.Arbitrary<Record<string, string>> {
  const minKeys = options.minKeys ?? 0;
  const maxKeys = Math.max(options.maxKeys ?? 4, minKeys);
  return fc.dictionary(labelKey(), labelValue(), { minKeys, maxKeys, noNullPrototype: true });
}
