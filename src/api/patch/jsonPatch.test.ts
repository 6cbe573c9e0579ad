import { describe, it, expect } from 'vitest';
import { isStatusError } from '../status.ts';
import type { StatusError } from '../status.ts';
import { applyJsonPatch } from './jsonPatch.ts';
import { deepFreeze } from './jsonValue.ts';

function apply(doc: unknown, patch: unknown): unknown {
  return applyJsonPatch(deepFreeze(doc), deepFreeze(patch));
}

function failure(doc: unknown, patch: unknown): StatusError {
  try {
    apply(doc, patch);
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected the patch to fail');
}

describe('applyJsonPatch', () => {
  describe('RFC 6902 appendix A', () => {
    const cases: [string, unknown, unknown, unknown][] = [
      ['A.1 adding an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
      ['A.2 adding an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
      ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
      ['A.4 removing an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
      ['A.5 replacing a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
      [
        'A.6 moving a value',
        { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
        [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
        { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
      ],
      ['A.7 moving an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
      [
        'A.8 testing a value: success',
        { baz: 'qux', foo: ['a', 2, 'c'] },
        [
          { op: 'test', path: '/baz', value: 'qux' },
          { op: 'test', path: '/foo/1', value: 2 },
        ],
        { baz: 'qux', foo: ['a', 2, 'c'] },
      ],
      ['A.10 adding a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
      ['A.11 ignoring unrecognized elements', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
      ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
      ['A.16 adding an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
    ];
    for (const [name, doc, patch, expected] of cases) {
      it(`should apply ${name}`, () => {
        expect(apply(doc, patch)).toEqual(expected);
      });
    }

    it('should fail A.9 testing a value: error, naming the path', () => {
      const e = failure({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]);
      expect(e.code).toBe(422);
      expect(e.reason).toBe('Invalid');
      expect(e.message).toBe('the server rejected our request due to an error in our request');
      expect(e.causes).toEqual([{ reason: 'UnexpectedServerResponse', message: 'testing value /baz failed: test failed' }]);
    });

    it('should fail A.12 adding to a nonexistent target', () => {
      const e = failure({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]);
      expect(e.code).toBe(422);
      expect(e.causes[0]?.message).toBe('add operation does not apply: doc is missing path: "/baz/bat": missing value');
    });

    it('should fail A.15 comparing strings and numbers', () => {
      expect(failure({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]).code).toBe(422);
    });
  });

  it('should copy a value and replace the whole document at the empty pointer', () => {
    expect(apply({ a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }])).toEqual({ a: { b: 1 }, c: { b: 1 } });
    expect(apply({ a: 1 }, [{ op: 'replace', path: '', value: [1] }])).toEqual([1]);
  });

  it('should patch a Kubernetes object the way kubectl patch --type=json does', () => {
    const pod = { metadata: { name: 'p', labels: { 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };
    const out = apply(pod, [
      { op: 'test', path: '/metadata/name', value: 'p' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:2' },
      { op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' },
    ]);
    expect(out).toEqual({ metadata: { name: 'p', labels: {} }, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } });
  });

  it('should leave the input untouched and share unchanged subtrees', () => {
    const doc = deepFreeze({ a: { x: 1 }, b: { y: 2 } });
    const out = applyJsonPatch(doc, [{ op: 'add', path: '/a/z', value: 3 }]) as typeof doc;
    expect(doc).toEqual({ a: { x: 1 }, b: { y: 2 } });
    expect(out.b).toBe(doc.b);
    expect(out.a).toEqual({ x: 1, z: 3 });
  });

  it('should treat __proto__ as an ordinary member', () => {
    const out = apply(JSON.parse('{"__proto__": {"x": 1}}'), [{ op: 'add', path: '/__proto__/y', value: 2 }]) as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1,"y":2}}');
    expect(failure({}, [{ op: 'remove', path: '/constructor' }]).code).toBe(422);
  });

  it('should reject out-of-range indexes and a move into its own child with 422', () => {
    expect(failure({ a: [1] }, [{ op: 'add', path: '/a/2', value: 0 }]).causes[0]?.message).toBe("error in add for path: '/a/2': Unable to access invalid index: 2: invalid index referenced");
    expect(failure({ a: [1] }, [{ op: 'replace', path: '/a/01', value: 0 }]).code).toBe(422);
    expect(failure({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]).code).toBe(422);
    expect(failure({ a: 1 }, [{ op: 'remove', path: '/b' }]).causes[0]?.message).toContain("error in remove for path: '/b'");
  });

  it('should reject a malformed patch document with 400', () => {
    expect(failure({}, { op: 'add' }).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' });
    expect(failure({}, [{ op: 'frobnicate', path: '/a' }]).message).toBe('Unexpected kind: frobnicate');
    expect(failure({}, [{ op: 'add', value: 1 }]).code).toBe(400);
    expect(failure({}, [{ op: 'add', path: '/a' }]).code).toBe(400);
    expect(failure({}, [{ op: 'move', path: '/a' }]).code).toBe(400);
    expect(failure({}, [{ op: 'add', path: 'a', value: 1 }]).code).toBe(400);
  });

  it('should refuse more than 10000 operations with 413 and treat a null patch as no change', () => {
    const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '', value: {} }));
    expect(failure({}, ops).code).toBe(413);
    expect(apply({ a: 1 }, null)).toEqual({ a: 1 });
  });
});
