import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  escapeFieldValue,
  fieldSelectorMatcher,
  formatFieldSelector,
  isEverythingFields,
  parseFieldSelector,
  requiresExactMatch,
  selectableFields,
  unescapeFieldValue,
  validateFieldSelector,
} from './fieldSelector.ts';
import type { AnyObject } from './meta.ts';

const pod = (name: string, nodeName: string | undefined, extra: Record<string, unknown> = {}): AnyObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { ...(nodeName !== undefined ? { nodeName } : {}), containers: [] },
  status: { phase: 'Running' },
  ...extra,
});

function badRequestMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect((e as { code?: number }).code).toBe(400);
    return (e as Error).message;
  }
  throw new Error('expected a 400');
}

describe('parseFieldSelector', () => {
  it('should parse =, == and != terms, sorted as upstream does', () => {
    const sel = parseFieldSelector('status.phase!=Failed,metadata.name==web,spec.nodeName=n1');
    expect(sel.requirements).toEqual([
      { field: 'metadata.name', operator: 'Equals', value: 'web' },
      { field: 'spec.nodeName', operator: 'Equals', value: 'n1' },
      { field: 'status.phase', operator: 'NotEquals', value: 'Failed' },
    ]);
    expect(formatFieldSelector(sel)).toBe('metadata.name=web,spec.nodeName=n1,status.phase!=Failed');
  });

  it('should treat the empty string and empty terms as everything', () => {
    expect(isEverythingFields(parseFieldSelector(''))).toBe(true);
    expect(parseFieldSelector(',a=b,').requirements).toHaveLength(1);
    expect(parseFieldSelector('spec.nodeName=').requirements[0]?.value).toBe('');
  });

  it('should honour escapes in values', () => {
    const sel = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d');
    expect(sel.requirements[0]?.value).toBe('a,b=c\\d');
    expect(formatFieldSelector(sel)).toBe('metadata.name=a\\,b\\=c\\\\d');
    expect(unescapeFieldValue(escapeFieldValue('x=,\\y'))).toBe('x=,\\y');
  });

  it('should round-trip any value through escaping and printing', () => {
    const valueArb = fc.array(fc.constantFrom('a', 'Z', '0', ',', '=', '\\', '!', ' ', '.'), { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(valueArb, fc.boolean(), (value, equals) => {
        const sel = parseFieldSelector(`metadata.name${equals ? '=' : '!='}${escapeFieldValue(value)}`);
        expect(sel.requirements).toEqual([{ field: 'metadata.name', operator: equals ? 'Equals' : 'NotEquals', value }]);
        expect(parseFieldSelector(formatFieldSelector(sel))).toEqual(sel);
      }),
    );
  });

  it('should report malformed selectors with upstream wording', () => {
    expect(badRequestMessage(() => parseFieldSelector('metadata.name'))).toBe("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
    expect(badRequestMessage(() => parseFieldSelector('a=b\\x'))).toBe('invalid field selector: invalid escape sequence: \\x');
    expect(badRequestMessage(() => parseFieldSelector('a=b=c'))).toBe('invalid field selector: unescaped character in value: 61');
    expect(badRequestMessage(() => parseFieldSelector('a=b\\'))).toBe('invalid field selector: invalid escape sequence: \\');
  });
});

describe('validateFieldSelector', () => {
  it('should accept each kind’s own fields and reject others with its upstream message', () => {
    expect(() => validateFieldSelector('Pod', parseFieldSelector('spec.nodeName=n1,status.podIP=1.2.3.4'))).not.toThrow();
    expect(badRequestMessage(() => validateFieldSelector('Pod', parseFieldSelector('spec.foo=1')))).toBe('field label not supported: spec.foo');
    expect(badRequestMessage(() => validateFieldSelector('Node', parseFieldSelector('metadata.namespace=x')))).toBe('field label not supported: metadata.namespace');
    expect(badRequestMessage(() => validateFieldSelector('ConfigMap', parseFieldSelector('data.x=1')))).toBe(
      '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(badRequestMessage(() => validateFieldSelector('ReplicaSet', parseFieldSelector('status.replicas=0'), 'apps'))).toBe(
      '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(badRequestMessage(() => validateFieldSelector('Job', parseFieldSelector('status.succeeded=1'), 'batch'))).toBe(
      'field label "status.succeeded" not supported for Job',
    );
  });

  it('should rewrite legacy and version aliases', () => {
    expect(validateFieldSelector('Pod', parseFieldSelector('spec.host=n1')).requirements[0]?.field).toBe('spec.nodeName');
    expect(validateFieldSelector('Event', parseFieldSelector('regarding.name=x'), 'events.k8s.io').requirements[0]?.field).toBe('involvedObject.name');
    expect(() => validateFieldSelector('Event', parseFieldSelector('involvedObject.name=x'), 'events.k8s.io')).toThrow('field label not supported');
  });
});

describe('fieldSelectorMatcher', () => {
  it('should select pods by node, with a missing field reading as empty', () => {
    const unscheduled = fieldSelectorMatcher('Pod', parseFieldSelector('spec.nodeName='));
    expect(unscheduled(pod('a', undefined))).toBe(true);
    expect(unscheduled(pod('b', 'n1'))).toBe(false);
    const onN1 = fieldSelectorMatcher('Pod', parseFieldSelector('spec.host=n1,status.phase!=Failed'));
    expect(onN1(pod('b', 'n1'))).toBe(true);
    expect(onN1(pod('c', 'n2'))).toBe(false);
  });

  it('should format booleans and counts the way Go does', () => {
    const node = { kind: 'Node', metadata: { name: 'n1' }, spec: {} };
    expect(fieldSelectorMatcher('Node', parseFieldSelector('spec.unschedulable=false'))(node)).toBe(true);
    expect(fieldSelectorMatcher('Pod', parseFieldSelector('spec.hostNetwork=false'))(pod('a', 'n1'))).toBe(true);
    const job = { kind: 'Job', metadata: { name: 'j', namespace: 'd' }, status: { succeeded: 2 } };
    expect(fieldSelectorMatcher('Job', parseFieldSelector('status.successful=2'), 'batch')(job)).toBe(true);
    expect(selectableFields('ReplicationController', { metadata: { name: 'r' } }).get('status.replicas')).toBe('0');
  });

  it('should read event source from the component or the reporting controller', () => {
    const ev = { kind: 'Event', metadata: { name: 'e', namespace: 'd' }, involvedObject: { kind: 'Pod', name: 'p' }, reportingComponent: 'kubelet' };
    expect(fieldSelectorMatcher('Event', parseFieldSelector('involvedObject.kind=Pod,source=kubelet'))(ev)).toBe(true);
  });

  it('should read the pod IP from podIPs first', () => {
    const p = pod('a', 'n1', { status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.2' }] } });
    expect(selectableFields('Pod', p).get('status.podIP')).toBe('10.0.0.2');
  });

  it('should match metadata for kinds without their own fields', () => {
    const cm = { kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns1' } };
    expect(fieldSelectorMatcher('ConfigMap', parseFieldSelector('metadata.namespace=ns1,metadata.name!=d'))(cm)).toBe(true);
    expect(fieldSelectorMatcher('ConfigMap', parseFieldSelector(''))(cm)).toBe(true);
  });
});

describe('requiresExactMatch', () => {
  it('should return the value of the first = term on the field', () => {
    expect(requiresExactMatch(parseFieldSelector('spec.nodeName=n1'), 'spec.nodeName')).toBe('n1');
    expect(requiresExactMatch(parseFieldSelector('spec.nodeName!=n1'), 'spec.nodeName')).toBeUndefined();
  });
});
