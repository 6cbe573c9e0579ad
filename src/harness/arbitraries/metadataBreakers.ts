import fc from 'fast-check';
import type { KubeObject } from '../../api/meta.ts';
import { badAnnotationKey, badLabelKey, badLabelValue, breaker, type Breaker } from './breaker.ts';
import { dnsLabel } from './dnsLabel.ts';
import { labelKey } from './labels.ts';

/** The name syntax a kind's objects must have. */
export type NameRule = 'subdomain' | 'label' | 'dns1035';

// Names every rule refuses, plus the ones only stricter rules refuse.
function badName(rule: NameRule): fc.Arbitrary<string> {
  const l = dnsLabel({ maxLength: 20 });
  const common = [
    fc.constant(''),
    l.map((x) => `X${x}`),
    l.map((x) => `${x}_x`),
    l.map((x) => `-${x}`),
    l.map((x) => `${x}.`),
    l.map((x) => `${x} x`),
    fc.constant('a'.repeat(rule === 'subdomain' ? 254 : 64)),
  ];
  if (rule === 'dns1035') return fc.oneof(...common, l.map((x) => `1${x}`), l.map((x) => `a.${x}`));
  if (rule === 'label') return fc.oneof(...common, l.map((x) => `a.${x}`));
  return fc.oneof(...common);
}

/** Broken metadata: name, labels, annotations, finalizers. */
export function metadataBreakers<T extends KubeObject>(rule: NameRule): Breaker<T>[] {
  return [
    breaker<T, string>('name not valid for the kind', badName(rule), (o, name) => {
      (o.metadata ??= {}).name = name;
      return 'metadata.name';
    }),
    breaker<T, [string, string]>('label with a bad key or value', fc.oneof(fc.tuple(badLabelKey, fc.constant('x')), fc.tuple(labelKey(), badLabelValue)), (o, [k, v]) => {
      const m = (o.metadata ??= {});
      m.labels = { ...m.labels, [k]: v };
      return 'metadata.labels';
    }),
    breaker<T, string>('annotation with a bad key', badAnnotationKey, (o, k) => {
      const m = (o.metadata ??= {});
      m.annotations = { ...m.annotations, [k]: 'x' };
      return 'metadata.annotations';
    }),
    breaker<T, string>('finalizer neither standard nor qualified', fc.oneof(dnsLabel({ maxLength: 20 }).filter((f) => !['kubernetes', 'orphan', 'foregroundDeletion'].includes(f)), fc.constantFrom('a/b/c', 'example.com/', 'Bad Name/x')), (o, f) => {
      (o.metadata ??= {}).finalizers = [f];
      return 'metadata.finalizers';
    }),
  ];
}
