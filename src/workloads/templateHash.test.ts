import { describe, expect, it } from 'vitest';
import { canonicalJson, computeTemplateHash, fnv32a, safeEncodeString } from './templateHash.ts';

describe('computeTemplateHash', () => {
  it('should implement FNV-32a', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(fnv32a(enc(''))).toBe(0x811c9dc5);
    expect(fnv32a(enc('a'))).toBe(0xe40c292c);
    expect(fnv32a(enc('foobar'))).toBe(0xbf9cf968);
  });

  it('should safe-encode decimal digits the way rand.SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('should ignore key order and change with the template or the collision count', () => {
    const a = { metadata: { labels: { app: 'kubia', tier: 'web' } }, spec: { containers: [{ name: 'n', image: 'v1' }] } };
    const b = { spec: { containers: [{ image: 'v1', name: 'n' }] }, metadata: { labels: { tier: 'web', app: 'kubia' } } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(computeTemplateHash(a)).toBe(computeTemplateHash(b));
    expect(computeTemplateHash(a)).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeTemplateHash(a, 1)).not.toBe(computeTemplateHash(a));
    expect(computeTemplateHash({ ...a, spec: { containers: [{ name: 'n', image: 'v2' }] } })).not.toBe(computeTemplateHash(a));
  });
});
