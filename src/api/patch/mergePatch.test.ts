import { describe, it, expect } from 'vitest';
import { deepFreeze } from './jsonValue.ts';
import { applyMergePatch, createMergePatch } from './mergePatch.ts';

describe('applyMergePatch', () => {
  // RFC 7386 appendix A, row by row.
  const rfcExamples: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  rfcExamples.forEach(([target, patch, expected], i) => {
    it(`should apply RFC 7386 example ${i + 1}`, () => {
      expect(applyMergePatch(deepFreeze(target), deepFreeze(patch))).toEqual(expected);
    });
  });

  it('should replace a container list wholesale, unlike a strategic merge patch', () => {
    const deploy = deepFreeze({ spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } });
    const out = applyMergePatch(deploy, { spec: { template: { spec: { containers: [{ name: 'a', image: 'z' }] } } } });
    expect(out).toEqual({ spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'z' }] } } } });
  });

  it('should share untouched subtrees with the target', () => {
    const target = deepFreeze({ metadata: { labels: { a: '1' } }, spec: { x: { y: 1 } } });
    const out = applyMergePatch(target, { metadata: { labels: { b: '2' } } }) as typeof target;
    expect(out.spec).toBe(target.spec);
    expect(out.metadata.labels).toEqual({ a: '1', b: '2' });
  });
});

describe('createMergePatch', () => {
  it('should produce the minimal patch', () => {
    const original = deepFreeze({ a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2], keep: true });
    const modified = deepFreeze({ a: 'z', c: { d: 'e' }, list: [1, 2, 3], keep: true, extra: { n: 1 } });
    expect(createMergePatch(original, modified)).toEqual({ a: 'z', c: { f: null }, list: [1, 2, 3], extra: { n: 1 } });
  });

  it('should return {} for equal documents and the modified value when either side is not an object', () => {
    expect(createMergePatch({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual({});
    expect(createMergePatch({ a: 1 }, [1])).toEqual([1]);
    expect(createMergePatch('x', { a: 1 })).toEqual({ a: 1 });
  });

  it('should send a whole value when its type changes', () => {
    expect(createMergePatch({ a: { b: 1 } }, { a: [1] })).toEqual({ a: [1] });
    expect(createMergePatch({ a: [1] }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });
});
