import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateLabels } from '../../api/labelValidation.ts';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../../api/names.ts';
import { configMapKeyErrors } from '../../api/validation/validationUtils.ts';
import { configMapKey } from './configMap.ts';
import { dns1035Label, dnsLabel } from './dnsLabel.ts';
import { dnsSubdomain } from './dnsSubdomain.ts';
import { deployment } from './deployment.ts';
import { labelKey, labels, labelValue } from './labels.ts';
import { objectName } from './objectName.ts';

const RUNS = { numRuns: 100 };

describe('name arbitraries', () => {
  it('should make RFC 1123 labels, RFC 1035 labels and subdomains within their lengths', () => {
    fc.assert(fc.property(dnsLabel(), (l) => {
      expect(dns1123LabelErrors(l)).toEqual([]);
    }), RUNS);
    fc.assert(fc.property(dns1035Label(), (l) => {
      expect(dns1035LabelErrors(l)).toEqual([]);
    }), RUNS);
    fc.assert(fc.property(dnsSubdomain(), (s) => {
      expect(dns1123SubdomainErrors(s)).toEqual([]);
    }), RUNS);
    fc.assert(fc.property(dnsLabel({ maxLength: 5 }), dnsSubdomain({ maxLength: 12 }), (l, s) => {
      expect(l.length <= 5 && s.length <= 12).toBe(true);
    }), RUNS);
    expect(() => dnsLabel({ maxLength: 0 })).toThrow(RangeError);
  });

  it('should name objects as their kind requires', () => {
    fc.assert(fc.property(objectName('Service'), (n) => {
      expect(dns1035LabelErrors(n)).toEqual([]);
    }), RUNS);
    fc.assert(fc.property(objectName('Namespace'), objectName('StatefulSet'), (a, b) => {
      expect([...dns1123LabelErrors(a), ...dns1123LabelErrors(b)]).toEqual([]);
    }), RUNS);
    fc.assert(fc.property(objectName('CronJob'), (n) => {
      expect(n.length <= 52 && dns1123SubdomainErrors(n).length === 0).toBe(true);
    }), RUNS);
    fc.assert(fc.property(objectName('Pod'), (n) => {
      expect(dns1123SubdomainErrors(n)).toEqual([]);
    }), RUNS);
  });

  it('should make label keys, values and maps the API validation accepts', () => {
    fc.assert(fc.property(labelKey(), (k) => {
      expect(qualifiedNameErrors(k)).toEqual([]);
    }), RUNS);
    fc.assert(fc.property(labelValue(), (v) => {
      expect(validateLabels({ k: v }, 'l')).toEqual([]);
    }), RUNS);
    fc.assert(fc.property(labels({ minKeys: 2, maxKeys: 3 }), (l) => {
      expect(validateLabels(l, 'metadata.labels')).toEqual([]);
      expect(Object.keys(l).length).toBeGreaterThanOrEqual(2);
      expect(Object.getPrototypeOf(l)).toBe(Object.prototype);
    }), RUNS);
    // Prefixed keys and empty values are part of what is generated.
    const sample = fc.sample(fc.tuple(labelKey(), labelValue()), { numRuns: 300, seed: 7 });
    expect(sample.some(([k]) => k.includes('/'))).toBe(true);
    expect(sample.some(([, v]) => v === '')).toBe(true);
  });

  it('should make ConfigMap keys the API validation accepts', () => {
    fc.assert(fc.property(configMapKey(), (k) => {
      expect(configMapKeyErrors(k)).toEqual([]);
    }), RUNS);
  });

  it('should be deterministic: the same seed gives the same values', () => {
    const a = fc.sample(deployment(), { numRuns: 5, seed: 1234 });
    const b = fc.sample(deployment(), { numRuns: 5, seed: 1234 });
    expect(a).toEqual(b);
  });
});
