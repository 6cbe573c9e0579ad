import { describe, it, expect } from 'vitest';
import {
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  labelValueErrors,
  qualifiedNameErrors,
} from './names.ts';

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('dns1123SubdomainErrors', () => {
  it('should accept dotted lowercase names up to 253 characters', () => {
    expect(dns1123SubdomainErrors('example.com')).toEqual([]);
    expect(dns1123SubdomainErrors('a'.repeat(253))).toEqual([]);
    expect(isDns1123Subdomain('my-app.v2')).toBe(true);
  });

  it('should report upper case, edges and length with upstream wording', () => {
    expect(dns1123SubdomainErrors('Example')).toEqual([SUBDOMAIN]);
    expect(dns1123SubdomainErrors('-a')).toEqual([SUBDOMAIN]);
    expect(dns1123SubdomainErrors('a..b')).toEqual([SUBDOMAIN]);
    expect(dns1123SubdomainErrors('')).toEqual([SUBDOMAIN]);
    expect(dns1123SubdomainErrors('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
});

describe('dns1123LabelErrors', () => {
  it('should accept labels and reject dots with the short upstream message', () => {
    expect(isDns1123Label('kube-system')).toBe(true);
    expect(dns1123LabelErrors('a.b')).toEqual(['must not contain dots']);
    expect(dns1123LabelErrors('A')).toEqual([LABEL]);
    expect(dns1123LabelErrors('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('dns1035LabelErrors', () => {
  it('should require a leading letter', () => {
    expect(dns1035LabelErrors('web-1')).toEqual([]);
    expect(dns1035LabelErrors('1web')).toEqual([DNS1035]);
    expect(dns1035LabelErrors('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('qualifiedNameErrors', () => {
  it('should accept plain and prefixed keys', () => {
    expect(isQualifiedName('app')).toBe(true);
    expect(isQualifiedName('app.kubernetes.io/name')).toBe(true);
    expect(isQualifiedName('My_Key.v1')).toBe(true);
  });

  it('should report the name part, the prefix and extra slashes like upstream', () => {
    expect(qualifiedNameErrors('-app')).toEqual([NAME_PART]);
    expect(qualifiedNameErrors('/app')).toEqual(['prefix part must be non-empty']);
    expect(qualifiedNameErrors('Example.com/app')).toEqual([`prefix part ${SUBDOMAIN}`]);
    expect(qualifiedNameErrors('example.com/')).toEqual(['name part must be non-empty', NAME_PART]);
    expect(qualifiedNameErrors('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(qualifiedNameErrors('a/b/c')).toEqual([
      `a qualified name ${NAME_PART.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });
});

describe('labelValueErrors', () => {
  it('should accept the empty string and reject bad edges and length', () => {
    expect(isValidLabelValue('')).toBe(true);
    expect(isValidLabelValue('v1.2_beta-3')).toBe(true);
    expect(labelValueErrors('-x')).toEqual([LABEL_VALUE]);
    expect(labelValueErrors('a b')).toEqual([LABEL_VALUE]);
    expect(labelValueErrors('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('should count length in UTF-8 bytes like Go', () => {
    expect(labelValueErrors('é'.repeat(32))).toEqual(['must be no more than 63 characters', LABEL_VALUE]);
  });
});
