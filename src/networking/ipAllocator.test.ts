import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../runtime/sim/rng.ts';
import { cidrContains, IpAllocator, parseCidr } from './ipAllocator.ts';
import { parsePortRange, PortAllocator } from './portAllocator.ts';

describe('IpAllocator', () => {
  it('should parse CIDRs and mask host bits', () => {
    expect(parseCidr('10.96.0.0/12')).toMatchObject({ prefix: 12, size: 1048576, text: '10.96.0.0/12' });
    expect(parseCidr('10.100.3.4/16').text).toBe('10.100.0.0/16');
    expect(() => parseCidr('10.96.0.0')).toThrow('invalid CIDR address: 10.96.0.0');
    expect(() => parseCidr('300.1.1.1/8')).toThrow();
    expect(cidrContains(parseCidr('10.96.0.0/12'), '10.111.255.255')).toBe(true);
    expect(cidrContains(parseCidr('10.96.0.0/12'), '10.112.0.0')).toBe(false);
  });

  it('should give the first address and refuse network, broadcast and taken addresses', () => {
    const a = new IpAllocator('10.96.0.0/12', createRng(1));
    expect(a.first()).toBe('10.96.0.1');
    expect(a.nth(10)).toBe('10.96.0.10');
    expect(a.allocate('10.96.0.1')).toBeUndefined();
    expect(a.allocate('10.96.0.1')).toBe('provided IP is already allocated');
    expect(a.allocate('10.96.0.0')).toBe('the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
    expect(a.allocate('10.111.255.255')).toMatch(/not in the valid range/);
    expect(a.allocate('192.168.0.1')).toMatch(/not in the valid range/);
    a.release('10.96.0.1');
    expect(a.has('10.96.0.1')).toBe(false);
  });

  it('should allocate dynamically in the upper band first, deterministically per seed', () => {
    const a = new IpAllocator('10.96.0.0/12', createRng(7));
    const b = new IpAllocator('10.96.0.0/12', createRng(7));
    const xs = Array.from({ length: 20 }, () => a.allocateNext());
    expect(xs).toEqual(Array.from({ length: 20 }, () => b.allocateNext()));
    // The lower 256 addresses (10.96.0.1–10.96.1.0) are kept for requested IPs.
    for (const ip of xs) expect(a.allocate(ip ?? '')).toBe('provided IP is already allocated');
    expect(xs.every((ip) => !/^10\.96\.0\./.test(ip ?? ''))).toBe(true);
  });

  it('should fill a small range completely, then report it full', () => {
    const a = new IpAllocator('10.0.0.0/28', createRng(3));
    const got = new Set<string>();
    for (let i = 0; i < 14; i++) got.add(a.allocateNext() ?? 'full');
    expect(got.size).toBe(14);
    expect(got.has('full')).toBe(false);
    expect(got.has('10.0.0.0')).toBe(false);
    expect(got.has('10.0.0.15')).toBe(false);
    expect(a.allocateNext()).toBeUndefined();
    expect(a.free()).toBe(0);
  });

  it('should never hand out an address twice (random allocate/release sequences)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.oneof(fc.constant('next' as const), fc.integer({ min: 0, max: 40 })), { maxLength: 120 }), (seed, ops) => {
        const a = new IpAllocator('10.0.0.0/27', createRng(seed));
        const live = new Set<string>();
        for (const op of ops) {
          if (op === 'next') {
            const ip = a.allocateNext();
            if (ip === undefined) expect(live.size).toBe(30);
            else {
              expect(live.has(ip)).toBe(false);
              live.add(ip);
            }
          } else {
            const ip = [...live][op % Math.max(1, live.size)];
            if (ip !== undefined) {
              a.release(ip);
              live.delete(ip);
            }
          }
          expect(a.count()).toBe(live.size);
        }
      }),
    );
  });
});

describe('PortAllocator', () => {
  it('should parse ranges like --service-node-port-range', () => {
    expect(parsePortRange('30000-32767')).toEqual({ base: 30000, size: 2768, text: '30000-32767' });
    expect(parsePortRange('1-65535').size).toBe(65535);
    expect(() => parsePortRange('32767-30000')).toThrow();
    expect(() => parsePortRange('0-10')).toThrow();
  });

  it('should refuse taken and out-of-range ports with upstream wording', () => {
    const a = new PortAllocator('30000-32767', createRng(1));
    expect(a.allocate(30001)).toBeUndefined();
    expect(a.allocate(30001)).toBe('provided port is already allocated');
    expect(a.allocate(8081)).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767');
    const p = a.allocateNext() ?? 0;
    // Upper band: the first 86 ports are kept for requests.
    expect(p).toBeGreaterThanOrEqual(30086);
    expect(p).toBeLessThanOrEqual(32767);
    a.release(p);
    expect(a.has(p)).toBe(false);
  });
});
